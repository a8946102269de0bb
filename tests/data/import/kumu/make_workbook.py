"""Writes tuusula_map.xlsx: a Kumu import workbook as Kumu's documentation lays it out.

Elements: Label in A1, Type, Description, Tags (several separated by |), a custom field;
Connections: From, To, Type, Direction, Label, Strength; a sheet with "(ignore)" in its name
that Kumu skips.
Run it from this folder to rebuild the fixture: python make_workbook.py
"""

import openpyxl

wb = openpyxl.Workbook()
el = wb.active
el.title = "Elements"
for row in [
    ["Label", "Type", "Description", "Tags", "Website"],
    ["Tuusulan kunta", "Kunta", "Elinvoimapalvelut", "kehrä", "tuusula.fi"],
    ["Hyrylän asukasyhdistys", "Yhdistys", "Asukkaiden yhdistys", "kehrä|seniorit", None],
    ["Nuorisotalo Kompassi", "Kunta", None, "nuoret", None],
    ["Rantakahvila Oy", "Yritys", "Kahvila ja tapahtumatila", None, None],
    ["EMO ry", "Leader", "Leader-ryhmä", "kehrä|rahoitus", "emory.fi"],
    ["Laurea", "Oppilaitos", None, None, None],
]:
    el.append(row)
co = wb.create_sheet("Connections")
for row in [
    ["From", "To", "Type", "Direction", "Label", "Strength"],
    ["Hyrylän asukasyhdistys", "Tuusulan kunta", "yhteistyö", "directed", "Kehrä", 3],
    ["Tuusulan kunta", "Nuorisotalo Kompassi", "tieto", "directed", None, 1],
    ["EMO ry", "Hyrylän asukasyhdistys", "yhteistyö", "mutual", "hankeneuvonta", 2],
    ["Rantakahvila Oy", "Hyrylän asukasyhdistys", "resurssit", "directed", "tilat", None],
    ["Laurea", "EMO ry", None, "directed", None, None],
]:
    co.append(row)
notes = wb.create_sheet("Muistiinpanot (ignore)")
notes.append(["Label", "Huom"])
notes.append(["Ei tuoda", "tämä välilehti ohitetaan"])
wb.save("tuusula_map.xlsx")
