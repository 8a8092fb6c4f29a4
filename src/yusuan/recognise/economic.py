"""Tables keyed by 经济分类 codes: 一般公共预算基本支出表, 支出经济分类汇总表, 机关运行经费表."""

from __future__ import annotations

from yusuan.model.disclosure import Column, Row, Table
from yusuan.recognise.block import Block, amounts_of, label_parts, loc
from yusuan.recognise.placement import fill_cells, row_placements
from yusuan.recognise.columns import label as role_label
from yusuan.recognise.settle import choose_rows
from yusuan.reference.catalogue import catalogue, name_key


def parse_economic_label(parts: list[str]) -> dict:
    """[30101, 基本工资, 50501, 工资福利支出] -> codes and names; wrapped names are joined."""
    out = {"code": None, "name": "", "gov_code": None, "gov_name": ""}
    slot = None
    for p in parts:
        if p.isdigit():
            if out["code"] is None and slot is None:
                out["code"], slot = p, "name"
            elif out["gov_code"] is None:
                out["gov_code"], slot = p, "gov_name"
            continue
        if slot is None:
            out["name"] += p
        else:
            out[slot] += p
    return out


def _is_unit_code(code: str, name: str) -> bool:
    if len(code) == 6 or len(code) > 7:
        return True
    if len(code) == 3:
        names = catalogue().economic.get(code, []) + catalogue().gov_economic.get(code, [])
        return not any(name_key(n) == name_key(name) for n in names) and not name.endswith("支出")
    return False


def extract_economic(block: Block, table: Table, template, prior_by_code: bool) -> None:
    data = []
    for raw in block.rows:
        amts = amounts_of(raw, block.unit)
        parts = label_parts(raw)
        info = parse_economic_label(parts)
        text = "".join(p for p in parts if not p.isdigit())
        if text in ("合计", "总计") or (not parts and amts):
            row = Row(label="合计", location=loc(raw.first_line), kind="total")
        elif info["code"] and _is_unit_code(info["code"], info["name"]):
            row = Row(label=info["name"], location=loc(raw.first_line), kind="unit", code=info["code"], code_scheme="unit")
        elif info["code"]:
            row = Row(label=info["name"], location=loc(raw.first_line), kind="item", code=info["code"], code_scheme="economic")
            if info["gov_code"]:
                row.attrs["gov_code"] = info["gov_code"]
                row.attrs["gov_name"] = info["gov_name"]
        elif text:
            row = Row(label=text, location=loc(raw.first_line), kind="unit", code_scheme="unit")
        else:
            continue
        if not amts:
            table.warnings.append(f"第{raw.first_line.no}行“{row.label}”没有金额，已忽略")
            continue
        prior = None
        if prior_by_code and row.code_scheme == "economic" and row.code:
            prior = {"personnel": 3.0, "public": 0.0} if row.code[:3] in ("301", "303") else {"public": 3.0, "personnel": 0.0}
        cands = row_placements(raw, amts, template, prior=prior)
        data.append((row, raw, amts, cands))
        table.rows.append(row)
    table.columns = [Column(r, role_label(r, table.kind)) for r in template.roles]
    if not data:
        return
    total_i = next((i for i, d in enumerate(data) if d[0].kind == "total"), None)
    leaves = [i for i, d in enumerate(data) if d[0].code_scheme == "economic" and len(d[0].code or "") >= 5]
    choice = choose_rows([d[3] for d in data], [[a.value for a in d[2]] for d in data], total_i,
                         leaves if len(template.roles) > 1 else [])
    for i, (row, raw, amts, cands) in enumerate(data):
        if not cands:
            row.attrs["unplaced"] = " ".join(a.printed for a in amts)
            table.warnings.append(f"第{raw.first_line.no}行的金额无法与表头列对应")
            continue
        pl = cands[min(choice[i], len(cands) - 1)]
        fill_cells(row, raw, amts, pl, len(template.roles))
