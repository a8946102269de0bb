"""Writes kobo_maunula.xlsx: a KoboToolbox XLSX export as Kobo lays it out.

Group names joined to question names by "/" in the headers; a select_multiple question as one
combined column (option codes separated by spaces) and one 1/0 column per option
(group/question/option); Kobo's own _id, _uuid, _submission_time, _index columns; a repeat
group (a roster of partners) as a sheet of its own whose rows point to their answer by
_parent_index.
Run it from this folder to rebuild the fixture: python make_kobo.py
"""

import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Verkostokysely"
opts = ["maunula_seura", "kirjasto", "kahvila", "helka"]
ws.append(["start", "end", "tausta/nimi", "tausta/alue", "tausta/sektori", "verkosto/yhteistyo",
           *[f"verkosto/yhteistyo/{o}" for o in opts], "verkosto/neuvoja",
           *[f"verkosto/neuvoja/{o}" for o in opts], "_id", "_uuid", "_submission_time",
           "_index"])
rows = [
    ("2016-04-03T09:00:00", "2016-04-03T09:12:00", "Aino Esimerkki", "maunula", "people",
     "maunula_seura kahvila", [1, 0, 1, 0], "helka", [0, 0, 0, 1], 101,
     "1b2c3d4e-aaaa-4bbb-8ccc-000000000101", "2016-04-03T09:12:30", 1),
    ("2016-04-04T15:30:00", "2016-04-04T15:41:00", "Kaupunginkirjasto", "maunula", "public",
     "maunula_seura", [1, 0, 0, 0], "", [0, 0, 0, 0], 102,
     "1b2c3d4e-aaaa-4bbb-8ccc-000000000102", "2016-04-04T15:41:10", 2),
]
for start, end, name, area, sector, comb, co, adv_comb, adv, _id, uuid, sub, idx in rows:
    ws.append([start, end, name, area, sector, comb, *co, adv_comb, *adv, _id, uuid, sub, idx])
rep = wb.create_sheet("kumppanit")
rep.append(["kumppanit/nimi", "kumppanit/sektori", "_index", "_parent_table_name",
            "_parent_index", "_submission__id", "_submission__uuid"])
rep.append(["Rantakahvila Oy", "private", 1, "Verkostokysely", 1, 101,
            "1b2c3d4e-aaaa-4bbb-8ccc-000000000101"])
rep.append(["Maunula-seura ry", "people", 2, "Verkostokysely", 1, 101,
            "1b2c3d4e-aaaa-4bbb-8ccc-000000000101"])
rep.append(["Helsingin kaupunki, kulttuuripalvelut", "public", 3, "Verkostokysely", 2, 102,
            "1b2c3d4e-aaaa-4bbb-8ccc-000000000102"])
wb.save("kobo_maunula.xlsx")
