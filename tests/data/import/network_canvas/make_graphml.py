"""Writes the GraphML files of the wave0 export, as Network Canvas' GraphML exporter lays them out.

One file per interview: the session on the <graph> element's nc: attributes; <key>s with the
variable's id (a UUID from the protocol's codebook) and its name in attr.name, a categorical
variable as one boolean key per option (attr.name <variable>_<option>); the ego's variables as
the graph's own <data>, with networkCanvasUUID = the ego's UUID; each node with the data
networkCanvasUUID and networkCanvasType (the node type's name); each edge with source and target
(the nodes' export ids) and networkCanvasType. The values are those of the CSV files beside.
Run it from this folder to rebuild: python make_graphml.py
"""

import hashlib

VARS = {  # variable name → codebook id (a UUID in a real protocol), its options if categorical
    "name": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000a", None),
    "area": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000b", None),
    "kehra": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000c", None),
    "sector": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000d", ["people", "public", "private"]),
    "group": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000e", ["youth", "senior"]),
    "org_type": ("8d2f0c1e-0a1b-4c2d-9e3f-10000000000f", ["association", "city", "company"]),
    "strength": ("8d2f0c1e-0a1b-4c2d-9e3f-100000000010", None),
}
TYPES = {"kehra": "boolean", "strength": "int"}


def key_id(var, option=None, target="node"):
    vid = VARS[var][0]
    if target == "graph":  # the ego's variables are variables of their own in the codebook
        vid = "4b7e2a90" + vid[8:]
    return vid if option is None else f"{vid}_{hashlib.sha1(option.encode()).hexdigest()}"


def keys(target, variables):
    out = []
    for v in variables:
        options = VARS[v][1]
        for o in options or [None]:
            name = v if o is None else f"{v}_{o}"
            kind = "boolean" if o is not None else TYPES.get(v, "string")
            out.append(f'  <key id="{key_id(v, o, target)}" attr.name="{name}" attr.type="{kind}" '
                       f'for="{target}"/>')
    return out


def data(values, indent, target="node"):
    out = []
    for v, x in values.items():
        if v in ("networkCanvasUUID", "networkCanvasType"):
            out.append(f'{indent}<data key="{v}">{x}</data>')
        elif VARS[v][1]:
            for o in VARS[v][1]:
                ticked = str(o == x).lower()
                out.append(f'{indent}<data key="{key_id(v, o, target)}">{ticked}</data>')
        else:
            out.append(f'{indent}<data key="{key_id(v, None, target)}">{x}</data>')
    return out


def write(case, session, ego_uuid, ego, nodes, edges, exported):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
             '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
             '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"',
             '  xmlns:nc="http://schema.networkcanvas.com/xmlns">',
             '  <key id="label" attr.name="label" attr.type="string" for="all"/>',
             '  <key id="networkCanvasType" attr.name="networkCanvasType" attr.type="string" '
             'for="all"/>',
             '  <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" '
             'for="all"/>',
             '  <key id="networkCanvasTargetUUID" attr.name="networkCanvasTargetUUID" '
             'attr.type="string" for="edge"/>',
             '  <key id="networkCanvasSourceUUID" attr.name="networkCanvasSourceUUID" '
             'attr.type="string" for="edge"/>',
             *keys("node", ["name", "sector", "group", "org_type"]),
             *keys("edge", ["strength"]),
             *keys("graph", ["name", "area", "sector", "kehra"]),
             f'  <graph edgedefault="directed" nc:caseId="{case}" nc:sessionUUID="{session}"',
             '    nc:protocolName="Kehra network 2015" nc:remoteProtocolID="5f1c9e"',
             f'    nc:sessionExportTime="{exported}">',
             *data({"networkCanvasUUID": ego_uuid, **ego}, "    ", "graph")]
    uuids = {}
    for nid, kind, uuid, values in nodes:
        uuids[nid] = uuid
        lines += [f'    <node id="{nid}">',
                  *data({"networkCanvasUUID": uuid, "networkCanvasType": kind, **values},
                        "      "), "    </node>"]
    for eid, kind, s, t, uuid, values in edges:
        lines += [f'    <edge id="{eid}" source="{s}" target="{t}">',
                  *data({"networkCanvasUUID": uuid, "networkCanvasType": kind}, "      "),
                  f'      <data key="networkCanvasSourceUUID">{uuids[s]}</data>',
                  f'      <data key="networkCanvasTargetUUID">{uuids[t]}</data>',
                  *data(values, "      "), "    </edge>"]
    lines += ["  </graph>", "</graphml>", ""]
    with open(f"wave0/{case}_{session}.graphml", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


U1 = "0c1d2e3f-1111-4a2b-8c3d-00000000000"
write("P01", "8f3c1a2e-0b6d-4c1e-9a57-2f1d3c4b5a61", "3d2b7c10-55aa-4f0e-8e21-6b9c0d1e2f31",
      {"name": "Aino Esimerkki", "area": "Maunula", "sector": "people", "kehra": "true"},
      [(1, "Person", U1 + "1", {"name": "Matti Meikäläinen", "sector": "people",
                                "group": "senior"}),
       (2, "Person", U1 + "2", {"name": "Liisa Virtanen", "sector": "public", "group": None}),
       (3, "Organisation", U1 + "3", {"name": "Maunula-seura ry", "org_type": "association"}),
       (4, "Organisation", U1 + "4", {"name": "Kahvila Kulma Oy", "org_type": "company"})],
      [(1, "collaborates", 1, 3, "7e8f9a0b-2222-4c3d-9e4f-000000000001", {"strength": 2}),
       (2, "collaborates", 3, 4, "7e8f9a0b-2222-4c3d-9e4f-000000000002", {"strength": 1}),
       (3, "knows", 2, 3, "7e8f9a0b-2222-4c3d-9e4f-000000000003", {})],
      "2015-11-20T14:00:02.000Z")
U2 = "5a6b7c8d-3333-4e5f-a6b7-00000000000"
write("P02", "c41e9b77-2d3a-4e5f-b6a7-8c9d0e1f2a3b", "a7e4d2c9-1b3f-4a6d-9c8e-7f6a5b4c3d21",
      {"name": "Liisa Virtanen", "area": "Maunula", "sector": "public", "kehra": "false"},
      [(1, "Person", U2 + "1", {"name": "Aino Esimerkki", "sector": "people", "group": None}),
       (2, "Organisation", U2 + "2", {"name": "Maunula-seura ry", "org_type": "association"}),
       (3, "Organisation", U2 + "3", {"name": "Kaupunginkirjasto", "org_type": "city"})],
      [(1, "collaborates", 2, 3, "9b0c1d2e-4444-4f5a-8b6c-000000000001", {"strength": 3})],
      "2015-11-20T14:00:02.000Z")
