# Builds transform/reference/*.json from the hand-written tables next to this file
# (functional.txt, economic.txt, crosswalk.txt) and attaches `evidence` from the
# published disclosures in ../shared (seeds, golden). Run: python3 transform/reference/build/build-reference.py
import json, re, glob, os, csv
from collections import defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
FIRST, LAST = 2015, 2025
OUT = os.path.dirname(HERE)
SH = os.path.normpath(os.path.join(OUT, '..', '..', '..', 'shared'))
VERSION = '2025.2'

def parse_names(s, default_from=FIRST):
    periods = []
    for part in s.split(';'):
        part = part.strip()
        if not part: continue
        if '@' in part:
            name, rng = part.split('@')
            a, b = rng.split('-')
            periods.append({'from': int(a), 'to': int(b) if b else LAST, 'name': name})
        else:
            periods.append({'from': default_from, 'to': LAST, 'name': part})
    return periods

def level(code):
    return {3: '类', 5: '款', 7: '项'}[len(code)]

def parent(code):
    return None if len(code) == 3 else code[:len(code) - 2]

# ---------------- functional
func = {}
order = []
def add_func(code, periods, note=None, sources=None):
    e = {'code': code, 'level': level(code), 'parent': parent(code), 'names': periods,
         'sources': sources or ['mof-gsfl']}
    if note:
        if note.startswith('?'):
            e['uncertain'] = True
            note = note[1:].strip()
        if note: e['note'] = note
    if code in func: raise SystemExit('dup ' + code)
    func[code] = e; order.append(code)

for line in open(os.path.join(HERE, 'functional.txt'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'): continue
    f = line.split('|')
    if f[0].startswith('!'):  # annotate an existing (e.g. generated) entry: !code|?note
        e = func[f[0][1:]]
        if f[1].startswith('?'): e['uncertain'] = True
        e['note'] = f[1].lstrip('?').strip()
        continue
    code, names = f[0], f[1]
    note = f[2] if len(f) > 2 else ''
    periods = parse_names(names)
    add_func(code, periods, note or None)
    if len(f) > 3 and f[3]:
        span = (min(p['from'] for p in periods), max(p['to'] for p in periods))
        other = parse_names(f[3]) if '@' in f[3] else [{'from': span[0], 'to': span[1], 'name': f[3]}]
        for suf, nm in (('01', '行政运行'), ('02', '一般行政管理事务'), ('03', '机关服务'), ('50', '事业运行')):
            c = code + suf
            if c not in func:
                add_func(c, [{'from': span[0], 'to': span[1], 'name': nm}],
                         None)
        # xx99 with the 款's own 'other' name
        add_func(code + '99', [dict(p) for p in other], None)
        for c in (code + s for s in ('01', '02', '03', '50', '99')):
            func[c]['generated'] = 'standard 项 of a 201 款'

# ---------------- economic
econ = {'department': {}, 'government': {}}
for line in open(os.path.join(HERE, 'economic.txt'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'): continue
    side, code, names, note = (line.split('|') + [''])[:4]
    s = 'department' if side == 'D' else 'government'
    srcs = ['mof-econ-2018'] if s == 'government' else ['mof-econ-2018', 'mof-gsfl']
    e = {'code': code, 'level': '类' if len(code) == 3 else '款', 'parent': None if len(code) == 3 else code[:3],
         'names': parse_names(names), 'sources': srcs}
    if note:
        if note.startswith('?'):
            e['uncertain'] = True; note = note[1:].strip()
        if note: e['note'] = note
    econ[s][code] = e

# ---------------- economic rows printed with 类 and 款 in separate columns
# e.g. seed 000 "303 07 医疗费补助 509 01" or seed 004 "301\t01\t基本工资\t501\t01\t工资奖金 津补贴";
# a missing 款 (OCR) is resolved by the printed name when exactly one 款 of that 类 has it.
CJK = r'[\u4e00-\u9fff（）()、 ]'
SPLIT_ROW = re.compile(r'^\s*(3[01]\d|399)\s+(?:(\d{2})\s+)?(' + CJK + r'+?)\s+(5[01]\d|599)(?:\s+(\d{2}))?(?:\s+|$)(' + CJK + r'*)(?=\s|$)')
def _by_name(side, cls, name):
    n = name.replace(' ', '').replace('(', '（').replace(')', '）')
    hits = [c for c, e in econ[side].items() if len(c) == 5 and c[:3] == cls
            and any(p['name'] == n for p in e['names'])]
    return hits[0] if len(hits) == 1 else None
def split_econ_rows(text):
    rows = []
    for line in text.splitlines():
        m = SPLIT_ROW.match(line)
        if not m: continue
        dc, dk, dn, gc, gk, gn = m.groups()
        dn, gn = dn.replace(' ', ''), gn.replace(' ', '')
        d = dc + dk if dk else _by_name('department', dc, dn)
        g = gc + gk if gk else (_by_name('government', gc, gn) if gn else None)
        rows.append((d, dn, g, gn))
    return rows

# ---------------- evidence from disclosures
SEEDS = {'000': (2022, '济源产城融合示范区医疗保障局 2022 budget'), '001': (2023, '丰润区医疗保障局 2023 budget'),
         '002': (2022, '西安市碑林区医疗保障局 2022 budget'), '003': (2022, '驻马店市医疗保障局 2022 budget'),
         '004': (2025, '焦作市医疗保障局 2025 budget')}
observations = []  # (classification, code, name, year, source)
for path in sorted(glob.glob(SH + '/golden/*.csv')):
    doc = os.path.basename(path)[:-4]
    meta = json.load(open(path[:-4] + '.meta.json', encoding='utf-8'))
    year = meta['fiscal_year']
    seen = set()
    for row in csv.DictReader(open(path, encoding='utf-8')):
        if not row['code']: continue
        cls = 'department' if row['table'] == 'basic_by_economic' else 'functional'
        k = (cls, row['code'], row['name'])
        if k in seen: continue
        seen.add(k)
        observations.append((cls, row['code'], row['name'], year, 'disclosure:' + doc))
for path in sorted(glob.glob(SH + '/seeds/0*.txt')):
    sid = os.path.basename(path)[:3]
    year = SEEDS[sid][0]
    t = open(path, encoding='utf-8').read()
    found = set()
    for m in re.finditer(r'(?<![0-9.,])((?:2[0-3]\d|30\d|31\d|39\d|50\d|51\d|59\d)(?:\d{2}){0,2})(?![0-9.,])[ \t|]*\n?[ \t|]*([\u4e00-\u9fff（）()“”、]{2,40})', t):
        found.add((m.group(1), m.group(2)))
    for line in t.splitlines():
        m = re.match(r'^\s*(2[0-3]\d)\s*[|\t ]\s*(\d{2})(?:\s*[|\t ]\s*(\d{2}))?\s*[|\t ]?\s*([\u4e00-\u9fff（）()、“”]+)', line)
        if m: found.add((m.group(1) + m.group(2) + (m.group(3) or ''), m.group(4)))
    for d, dn, g, gn in split_econ_rows(t):
        if d: found.add((d, dn))
        if g and gn: found.add((g, gn))
    for code, name in found:
        cls = 'functional' if code[0] == '2' else ('department' if code[0] == '3' else 'government')
        observations.append((cls, code, name, year, 'disclosure:seed-' + sid))

def norm(s):
    return s.replace('(', '（').replace(')', '）').replace(' ', '')

def table(cls):
    return func if cls == 'functional' else econ[cls]

report = defaultdict(list)
for cls, code, name, year, src in observations:
    e = table(cls).get(code)
    if e is None:
        report['unknown code'].append((cls, code, name, year, src)); continue
    p = next((p for p in e['names'] if p['from'] <= year <= p['to']), None)
    if p is None:
        report['code not valid in year'].append((cls, code, name, year, src)); continue
    n, pn = norm(name), norm(p['name'])
    strict = src.startswith('disclosure:') and not src.startswith('disclosure:seed')
    ok = n == pn or (not strict and len(n) >= 4 and pn.startswith(n))
    if ok:
        p.setdefault('evidence', [])
        if src not in p['evidence']: p['evidence'].append(src)
    else:
        report['name differs'].append((cls, code, name, p['name'], year, src))

# page evidence
PAGE_HDU = ['301','30101','30102','30103','30106','30107','30108','30109','30110','30111','30112']
PAGE_ISHARE_D = ['301','30101','30102','30103','30108','30109','30110','30111','30112','30113','30199','30106','30114','302','30201','30202','30204','30205','30206','30207','30208','30209','30211','30214','30228','30229','30239','30240','30215','30216','30218','30224']
PAGE_ISHARE_G = ['501','50101','50102','50103','50199','502','50201','50202','50203','50204']
def add_page(side, codes, year, src):
    for c in codes:
        e = econ[side][c]
        p = next(p for p in e['names'] if p['from'] <= year <= p['to'])
        p.setdefault('evidence', []).append(src)
add_page('department', PAGE_HDU, 2020, 'page:hd-u-2020')

# Pages (pages corpus of the search tool) that print names WITHOUT codes, in a context that fixes
# the 类/款/项 position (a 类 list, "(类)…(款)…(项)" narration, or the 款 of one 类 in order).
# Each entry: source id -> (fiscal year, [(side, code, name as printed)]). The printed name must equal
# the name of the period covering that year, or the build stops: a disagreement is a finding to act on.
NAME_ONLY_PAGES = {
  'page:npc-2016-budget': (2016, [
    ('functional', '201', '一般公共服务支出'), ('functional', '207', '文化体育与传媒支出'),
    ('functional', '208', '社会保障和就业支出'), ('functional', '221', '住房保障支出'),
    ('functional', '20101', '人大事务'), ('functional', '20706', '新闻出版广播影视'),
    ('functional', '20805', '行政事业单位离退休'), ('functional', '22102', '住房改革支出'),
    ('department', '30101', '基本工资'), ('department', '30102', '津贴补贴'), ('department', '30103', '奖金'),
    ('department', '30104', '社会保障缴费'), ('department', '30199', '其他工资福利支出'),
    ('department', '30301', '离休费'), ('department', '30302', '退休费'), ('department', '30304', '抚恤金'),
    ('department', '30305', '生活补助'), ('department', '30309', '奖励金'), ('department', '30312', '提租补贴')]),
  'page:shentiewang-2016-central-health': (2016, [
    ('functional', '210', '医疗卫生与计划生育支出'), ('functional', '21001', '医疗卫生与计划生育管理事务'),
    ('functional', '21002', '公立医院'), ('functional', '21003', '基层医疗卫生机构'), ('functional', '21004', '公共卫生'),
    ('functional', '21005', '医疗保障'), ('functional', '21006', '中医药'), ('functional', '21007', '计划生育事务'),
    ('functional', '21010', '食品和药品监督管理事务'), ('functional', '21099', '其他医疗卫生与计划生育支出')]),
  'page:greenbasetech-2017-classes': (2017, [('functional', c, n) for c, n in [
    ('201', '一般公共服务支出'), ('202', '外交支出'), ('203', '国防支出'), ('204', '公共安全支出'), ('205', '教育支出'),
    ('206', '科学技术支出'), ('207', '文化体育与传媒支出'), ('208', '社会保障和就业支出'), ('210', '医疗卫生与计划生育支出'),
    ('211', '节能环保支出'), ('212', '城乡社区支出'), ('213', '农林水支出'), ('214', '交通运输支出'),
    ('215', '资源勘探信息等支出'), ('216', '商业服务业等支出'), ('217', '金融支出'), ('219', '援助其他地区支出'),
    ('220', '国土海洋气象等支出'), ('221', '住房保障支出'), ('222', '粮油物资储备支出'), ('227', '预备费'),
    ('229', '其他支出'), ('230', '转移性支出')]]),
  'page:taihainet-2018-central-budgets': (2018, [
    ('functional', '210', '医疗卫生与计划生育支出'), ('functional', '21002', '公立医院'), ('functional', '2100207', '儿童医院'),
    ('functional', '21103', '污染防治'), ('functional', '206', '科学技术支出'), ('functional', '20602', '基础研究')]),
  'page:luojiang-2019-budget': (2019, [('functional', c, n) for c, n in [
    ('201', '一般公共服务支出'), ('208', '社会保障和就业支出'), ('210', '卫生健康支出'), ('221', '住房保障支出')]]),
  'page:kbm75-2020-mof-budget': (2020, [('functional', c, n) for c, n in [
    ('201', '一般公共服务支出'), ('202', '外交支出'), ('205', '教育支出'), ('206', '科学技术支出'),
    ('207', '文化旅游体育与传媒支出'), ('208', '社会保障和就业支出'), ('210', '卫生健康支出'), ('221', '住房保障支出')]]),
  # seeds: 类 printed as numbered names without codes in the summary tables (十九、自然资源海洋气象等支出);
  # only names that agree across the seeds are listed (seed 000 still prints 资源勘探信息等支出 for 215 in 2022).
  'disclosure:seed-000': (2022, [('functional', '220', '自然资源海洋气象等支出')]),
  'disclosure:seed-001': (2023, [('functional', '220', '自然资源海洋气象等支出'), ('functional', '215', '资源勘探工业信息等支出')]),
  'page:npc-2022-budget': (2022, [
    ('functional', '201', '一般公共服务支出'), ('functional', '208', '社会保障和就业支出'), ('functional', '221', '住房保障支出'),
    ('functional', '20101', '人大事务'), ('functional', '20805', '行政事业单位养老支出'), ('functional', '22102', '住房改革支出')]),
  'page:wuzhou-2021-budgets': (2021, [
    ('functional', '208', '社会保障和就业支出'), ('functional', '210', '卫生健康支出'), ('functional', '221', '住房保障支出'),
    ('functional', '2080505', '机关事业单位基本养老保险缴费支出'), ('functional', '2101102', '事业单位医疗'),
    ('functional', '2210201', '住房公积金'), ('functional', '2010699', '其他财政事务支出')]),
}
for src, (year, items) in NAME_ONLY_PAGES.items():
    for side, c, n in items:
        e = table(side)[c]
        p = next((p for p in e['names'] if p['from'] <= year <= p['to']), None)
        if p is None or norm(p['name']) != norm(n):
            raise SystemExit(f'{src}: {side} {c} printed as {n} in {year}, data has {p and p["name"]}')
        p.setdefault('evidence', [])
        if src not in p['evidence']: p['evidence'].append(src)
add_page('department', PAGE_ISHARE_D, 2018, 'page:ishare-duizhaobiao')
add_page('government', PAGE_ISHARE_G, 2018, 'page:ishare-duizhaobiao')

for cls in ('functional', 'department', 'government'):
    for e in table(cls).values():
        srcs = set(e['sources'])
        for p in e['names']:
            for s in p.get('evidence', []): srcs.add(s)
        e['sources'] = sorted(srcs, key=lambda s: (not s.startswith('mof'), s))

SOURCES = {
  'mof-gsfl': {'kind': 'official', 'title': '财政部《政府收支分类科目》(annual editions for 2015–2025), 支出功能分类科目 and 部门预算支出经济分类科目',
               'caveat': 'No stored copy of these documents was reachable with the search tool; entries citing only this source were written from the structure of these documents as known to the author and are NOT checked against the text. Periods without `evidence` are unverified.'},
  'mof-econ-2018': {'kind': 'official', 'title': '财政部《支出经济分类科目改革方案》(财预〔2017〕98号, in force from 2018) with 附表 两套支出经济分类科目对照表',
                    'caveat': 'As for mof-gsfl: not read from a stored copy; the parts checked against the ishare copy of the 对照表 carry evidence page:ishare-duizhaobiao.'},
  'page:ishare-duizhaobiao': {'kind': 'page', 'url': 'http://m.ishare.iask.sina.com.cn/f/oIuBYFV8aL.html', 'title': '政府预算和部门预算支出经济分类科目对照表 (附表1 两套支出经济分类科目对照表; xls uploaded 2020-04-30)', 'covers': 'opening part only: 501/50101–50199 and 502/50201–50204 with their department codes'},
  'page:npc-2016-budget': {'kind': 'page', 'url': 'http://www.npc.gov.cn/c2597/c13334/c13335/201905/t20190521_269075.html', 'title': '全国人大常委会办公厅机关2016年部门预算 (posted 2016-04-15)', 'fiscal_year': 2016,
                            'shows': 'names without codes: 类 of the 财政拨款收支总表 (一般公共服务支出, 文化体育与传媒支出, 社会保障和就业支出, 住房保障支出), 款 of the 一般公共预算支出表 (人大事务, 新闻出版广播影视, 行政事业单位离退休, 住房改革支出) and the economic 款 of the basic expenditure (基本工资 … 社会保障缴费 … 离休费, 退休费, 抚恤金, 生活补助, 奖励金, 住房公积金, 提租补贴)',
                            'caveat': 'name-only evidence: the code is that of the only 类/款 of that name in the data; 住房公积金 (30311 or 30113) is not attached'},
  'page:shentiewang-2016-central-health': {'kind': 'page', 'url': 'http://shentiewang.com/news/65_3048.html', 'title': '2016年中央本级支出预算: 医疗卫生与计划生育支出 and its 款 (news report of the MoF 2016 central budget tables)', 'fiscal_year': 2016,
                            'shows': 'names without codes: 医疗卫生与计划生育支出 and, numbered (1)–(9), its 款 医疗卫生与计划生育管理事务, 公立医院, 基层医疗卫生机构, 公共卫生, 医疗保障, 中医药, 计划生育事务, 食品和药品监督管理事务, 其他医疗卫生与计划生育支出',
                            'caveat': 'name-only evidence; same list in http://jxfengxin.com.cn/xinwen/201603/1183495.html'},
  'page:greenbasetech-2017-classes': {'kind': 'page', 'url': 'http://m.greenbasetech.com/article/734868_748801590.html', 'title': '政府收支分类科目 (article quoting the 类 of 《2017年政府收支分类科目》)', 'fiscal_year': 2017,
                            'shows': 'names without codes: the 类 of 支出功能分类 per the 2017 edition, in order, up to 转移性支出, 债务还本… (cut off)',
                            'caveat': 'secondary source (traditional-character repost); name-only evidence; it also lists 国债还本付息支出, which is not in the data, and the stored text ends before 231–233'},
  'page:taihainet-2018-central-budgets': {'kind': 'page', 'url': 'http://taihainet.com/news/txnews/cnnews/sh/2018-04-14/2122242_3.html', 'title': '中央部门2018年预算 news report (2018-04-14)', 'fiscal_year': 2018,
                            'shows': 'names without codes, in (类)(款)(项) form: 医疗卫生与计划生育支出(类)公立医院(款)儿童医院(项); 科学技术支出(类)基础研究(款); 污染防治(款) of 生态环境部',
                            'caveat': 'name-only evidence'},
  'page:luojiang-2019-budget': {'kind': 'page', 'url': 'https://www.luojiang.gov.cn/gk/cdgk/czyjs/bmys/2019ngjbmys/bmcl/1369669.htm', 'title': '中国共产党德阳市罗江区委员会办公室2019年部门预算编制说明', 'fiscal_year': 2019,
                            'shows': 'names without codes: the 类 of its 2019 expenditure (一般公共服务支出, 社会保障和就业支出, 卫生健康支出, 住房保障支出)',
                            'caveat': 'name-only evidence; the one 2019 source found that prints a 2019-renamed 类 (210 卫生健康支出)'},
  'page:kbm75-2020-mof-budget': {'kind': 'page', 'url': 'http://kbm75.com/hy/yw/836742.html', 'title': '财政部2020年部门预算 news report (2020-06-11)', 'fiscal_year': 2020,
                            'shows': 'names without codes: the 类 of the 财政部 2020 财政拨款支出 (一般公共服务支出, 外交支出, 教育支出, 科学技术支出, 文化旅游体育与传媒支出, 社会保障和就业支出, 卫生健康支出, 住房保障支出)',
                            'caveat': 'name-only evidence'},
  'page:npc-2022-budget': {'kind': 'page', 'url': 'http://www.nouvelus.com/npc/c30834/202204/a23df16d2f224507adc88996db8a2e06.shtml', 'title': '全国人大常委会办公厅机关本级2022年预算 (copy of the npc.gov.cn page, 2022-04-28)', 'fiscal_year': 2022,
                            'shows': 'names without codes: 类 一般公共服务支出, 社会保障和就业支出, 住房保障支出; 款 人大事务, 行政事业单位养老支出, 住房改革支出',
                            'caveat': 'name-only evidence; mirror site of the original'},
  'page:wuzhou-2021-budgets': {'kind': 'page', 'url': 'http://117.141.250.58:10060/wzyjsgkpt/uploadFile/upload1208/upload20210425/A1F8BCD1ACA85AC7E68757F66715634C.html', 'title': '梧州市 2021 department budgets (预决算公开平台, one PDF page per file; also …/upload1465/upload20210426/DAB940787434223389B7641D665DF872.html)', 'fiscal_year': 2021,
                            'shows': 'names without codes, in the 按支出功能分类科目 narration: 社会保障和就业支出, 卫生健康支出, 住房保障支出, 机关事业单位基本养老保险缴费支出, 事业单位医疗, 住房公积金, 其他财政事务支出',
                            'caveat': 'name-only evidence'},
  'page:hd-u-2020': {'kind': 'page', 'url': 'http://www.hd-u.com/cwc/info/1013/1198.htm', 'title': '部门预算支出经济分类科目 (university finance office, posted 2020-07-24)', 'covers': 'opening part only: 301, 30101–30112 with descriptions'},
}
for sid, (y, t) in SEEDS.items():
    SOURCES['disclosure:seed-' + sid] = {'kind': 'disclosure', 'title': t, 'fiscal_year': y, 'where': f'../shared/seeds/{sid}_*.txt (project seed, text of the published file)'}
for path in sorted(glob.glob(SH + '/golden/*.meta.json')):
    meta = json.load(open(path, encoding='utf-8'))
    SOURCES['disclosure:' + meta['doc_id']] = {'kind': 'disclosure', 'title': f"{meta['department']} {meta['fiscal_year']} {meta['phase']}", 'fiscal_year': meta['fiscal_year'], 'where': f"../shared/golden/{meta['doc_id']}.csv (hand-checked golden line items)"}

def used_sources(entries):
    s = set()
    for e in entries: s.update(e['sources'])
    return {k: SOURCES[k] for k in sorted(s, key=lambda k: (not k.startswith('mof'), k))}

def sort_codes(d):
    return [d[k] for k in sorted(d)]

func_list = sort_codes(func)
# consistency
for e in func_list:
    if e['parent'] and e['parent'] not in func: raise SystemExit('no parent ' + e['code'])

json.dump({
  'version': VERSION, 'classification': '支出功能分类科目 (functional classification of expenditure)',
  'years': {'from': FIRST, 'to': LAST},
  'conventions': {'to': f'last fiscal year the name is valid; {LAST} means still valid in the latest year covered',
                  'evidence': 'sources in which this code was seen printed with this name in a year of the period',
                  'uncertain': 'true where a name, the start/end year or the code itself is recalled and not verified; see note',
                  'generated': 'standard 项 (行政运行/一般行政管理事务/机关服务/事业运行/其他…支出) set for every 款 of 201'},
  'sources': used_sources(func_list),
  'codes': func_list,
}, open(OUT + '/functional-codes.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)

dep, gov = sort_codes(econ['department']), sort_codes(econ['government'])
json.dump({
  'version': VERSION, 'classification': '支出经济分类科目 (economic classification of expenditure)',
  'years': {'from': FIRST, 'to': LAST},
  'conventions': {'to': f'last fiscal year the name is valid; {LAST} means still valid in the latest year covered',
                  'evidence': 'sources in which this code was seen printed with this name in a year of the period',
                  'uncertain': 'true where a name or a year boundary is recalled and not verified; see note'},
  'notNonStandard': 'Codes printed with local numbering are deliberately absent, e.g. the Shanghai 2024 unit budget (sh-putuo_shehui-fuliyuan) printing 30202 咨询费, 30203 水费, 30204 电费, 30206 办公设备购置费, 30210 车辆运行费, 30211 事业单位离退休人员福利费, 30212 机关事业单位退休人员活动费, 30213 其他商品和服务支出, 303 离退休人员经费.',
  'sources': used_sources(dep + gov),
  'department': {'name': '部门预算支出经济分类科目', 'codes': dep},
  'government': {'name': '政府预算支出经济分类科目', 'introduced': 2018, 'codes': gov},
}, open(OUT + '/economic-codes.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)

# ---------------- economic crosswalk
seen_pairs = set()
for path in sorted(glob.glob(SH + '/seeds/0*.txt')):
    sid = os.path.basename(path)[:3]
    t = re.sub(r'\s+', ' ', open(path, encoding='utf-8').read())
    for m in re.finditer(r'(3\d{4}) ?[\u4e00-\u9fff（）()]+(?: ?[\u4e00-\u9fff（）()]+)? ?(5\d{4}) ?[\u4e00-\u9fff（）()]+', t):
        seen_pairs.add((m.group(1), m.group(2), 'disclosure:seed-' + sid))
    for d, dn, g, gn in split_econ_rows(open(path, encoding='utf-8').read()):
        if d and g: seen_pairs.add((d, g, 'disclosure:seed-' + sid))
ISHARE_PAIRS = {('30101','50101'),('30102','50101'),('30103','50101'),('30108','50102'),('30109','50102'),('30110','50102'),('30111','50102'),('30112','50102'),('30113','50103'),('30199','50199'),('30106','50199'),('30114','50199')}
for c in ['30201','30202','30204','30205','30206','30207','30208','30209','30211','30214','30228','30229','30239','30240']: ISHARE_PAIRS.add((c,'50201'))
ISHARE_PAIRS |= {('30215','50202'),('30216','50203'),('30218','50204'),('30224','50204'),('30225','50204')}
maps = []
xw_sources = {'mof-econ-2018', 'page:ishare-duizhaobiao'}
for line in open(os.path.join(HERE, 'crosswalk.txt'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'): continue
    d, a, b, note = (line.split('|') + [''])[:4]
    assert d in econ['department'], d
    for agency, g in (('机关', a), ('事业单位', b)):
        if g == '-': 
            continue
        assert g in econ['government'], g
        ev = sorted({s for (x, y, s) in seen_pairs if x == d and y == g})
        if (d, g) in ISHARE_PAIRS and agency == '机关': ev.append('page:ishare-duizhaobiao')
        xw_sources.update(ev)
        m = {'department': d, 'agencyType': agency, 'government': g, 'sources': ['mof-econ-2018'] + ev}
        if note.startswith('?') and not ev: m['uncertain'] = True
        n = note.lstrip('?').strip()
        if n: m['note'] = n
        maps.append(m)
# pairs printed in disclosures but not in the table
extra = sorted({(x, y) for (x, y, s) in seen_pairs} - {(m['department'], m['government']) for m in maps})
json.dump({
  'version': VERSION,
  'title': '部门预算支出经济分类与政府预算支出经济分类对应关系 (department → government economic code)',
  'years': {'from': 2018, 'to': LAST},
  'agencyTypes': {'机关': '行政单位 and 参照公务员法管理的事业单位 (501–504, 509 …)', '事业单位': 'other 事业单位, funded through 505/506 (对事业单位经常性/资本性补助)'},
  'rules': [
    '301 工资福利支出 → 501xx for 机关, 50501 for 事业单位',
    '302 商品和服务支出 → 502xx for 机关, 50502 for 事业单位',
    '303 对个人和家庭的补助 → 509xx for both',
    '310 资本性支出 → 503xx for 机关, 50601 for 事业单位; 309 资本性支出（基本建设） → 504xx for 机关, 50602 for 事业单位',
    '307 → 511, 312 → 507/508, 313 → 510, 399 → 599 for both'],
  'conventions': {'uncertain': 'mapping recalled from the 对照表 and not seen in a stored copy or a printed disclosure',
                  'sources': 'disclosure:* = the pair is printed side by side in that budget (部门预算支出经济分类 | 政府预算支出经济分类 columns)'},
  'sources': {k: SOURCES[k] for k in sorted(xw_sources, key=lambda k: (not k.startswith('mof'), k))},
  'mappings': maps,
  'printedButNotListed': [{'department': x, 'government': y} for x, y in extra],
}, open(OUT + '/economic-crosswalk.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)

# ---------------- functional crosswalk
changes = []
for e in func_list:
    ps = e['names']
    for a, b in zip(ps, ps[1:]):
        if a['to'] + 1 == b['from'] and a['name'] != b['name']:
            changes.append({'type': 'rename', 'code': e['code'], 'year': b['from'], 'oldName': a['name'], 'newName': b['name'],
                            **({'uncertain': True} if e.get('uncertain') else {})})
MOVES = [
  ('merge', '2080504', ['2080501'], 2020, True, '未归口管理的行政单位离退休 merged into 行政单位离退休 (see 20805 for the boundary year).'),
  ('merge', '20115', ['20138'], 2019, False, '工商行政管理事务 → 市场监督管理事务.'),
  ('merge', '20117', ['20138'], 2019, False, '质量技术监督与检验检疫事务 → 市场监督管理事务.'),
  ('merge', '21010', ['20138'], 2019, True, '食品和药品监督管理事务 → 市场监督管理事务.'),
  ('move', '20110', ['20132'], 2019, True, '人力资源事务 → 组织事务 (2013204 公务员事务).'),
  ('move', '20124', ['20134'], 2019, True, '宗教事务 → 统战事务 (2013404 宗教事务).'),
  ('split', '20125', ['20125', '20134'], 2019, True, '港澳台侨事务 → 港澳台事务, with 侨务 in 统战事务 (2013405 华侨事务).'),
  ('move', '21605', ['20701'], 2019, False, '旅游业管理与服务支出 → 文化和旅游.'),
  ('split', '20706', ['20706', '20708'], 2019, True, '新闻出版广播影视 → 新闻出版电影 and 广播电视.'),
  ('move', '20815', ['22407'], 2019, True, '自然灾害生活救助 → 自然灾害救灾及恢复重建支出.'),
  ('move', '21506', ['22401'], 2019, True, '安全生产监管 → 应急管理事务.'),
  ('move', '22004', ['22405'], 2019, True, '地震事务 → 灾害防治及应急管理支出 / 地震事务.'),
  ('merge', '22002', ['22001'], 2019, True, '海洋管理事务 → 自然资源事务.'),
  ('merge', '22003', ['22001'], 2019, True, '测绘事务 → 自然资源事务.'),
  ('split', '21005', ['21011', '21012', '21013', '21014'], 2017, True, '医疗保障 split into 行政事业单位医疗, 财政对基本医疗保险基金的补助, 医疗救助, 优抚对象医疗.'),
  ('move', '2100501', ['2101101'], 2017, True, '行政单位医疗.'),
  ('move', '2100502', ['2101102'], 2017, True, '事业单位医疗.'),
  ('move', '2100503', ['2101103'], 2017, True, '公务员医疗补助.'),
  ('move', '2100599', ['2101199'], 2017, True, '其他医疗保障支出 → 其他行政事业单位医疗支出 (approximate).'),
  ('discontinue', '21304', [], 2019, True, '南水北调: no successor encoded.'),
  ('discontinue', '21306', [], 2019, True, '农业综合开发: no successor encoded (recalled as folded into 21301 农业农村).'),
  ('discontinue', '234', [], 2022, True, '抗疫特别国债安排的支出: one-off 2020 special bonds.'),
  ('discontinue', '23401', [], 2022, True, ''),
  ('discontinue', '23402', [], 2022, True, ''),
  ('discontinue', '30104', [], 2018, True, ''),
]
for typ, frm, to, year, unc, note in MOVES:
    if frm not in func: continue
    for t in to: assert t in func, t
    c = {'type': typ, 'code': frm, 'year': year, 'to': to}
    if note: c['note'] = note
    if unc: c['uncertain'] = True
    changes.append(c)
# codes that end before LAST without a listed successor
listed = {c['code'] for c in changes if c['type'] != 'rename'}
for e in func_list:
    end = max(p['to'] for p in e['names'])
    if end < LAST and e['code'] not in listed:
        c = {'type': 'discontinue', 'code': e['code'], 'year': end + 1, 'to': [], 'note': 'ends with its parent or without a known successor; a parent-level move may apply'}
        changes.append(c)
changes.sort(key=lambda c: (c['year'], c['code']))
json.dump({
  'version': VERSION, 'title': '支出功能分类科目 crosswalk across years (to the 2025 codes)',
  'years': {'from': FIRST, 'to': LAST},
  'types': {'rename': 'same code, new name from `year`', 'move': 'code replaced by `to` from `year`',
            'merge': 'code folded into `to` (with other codes) from `year`', 'split': 'code replaced by several `to` codes from `year`; amounts cannot be split without more information',
            'discontinue': 'code not used from `year`, no successor known'},
  'conventions': {'year': 'first fiscal year of the new state', 'uncertain': 'change recalled from the MoF documents and not verified; see functional-codes.json notes'},
  'sources': {k: SOURCES[k] for k in ('mof-gsfl',)},
  'changes': changes,
}, open(OUT + '/functional-crosswalk.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)

for k, v in report.items():
    print('==', k, len(v))
    for x in sorted(set(v)): print('  ', x)
print('extra printed pairs', extra)
def count(entries):
    by = defaultdict(int); multi = 0; verified = 0; unc = 0
    for e in entries:
        by[e['level']] += 1
        if len({p['name'] for p in e['names']}) > 1: multi += 1
        if any(p.get('evidence') for p in e['names']): verified += 1
        if e.get('uncertain'): unc += 1
    return dict(by), 'multi', multi, 'with evidence', verified, 'uncertain', unc
print('functional', count(func_list)); print('department', count(dep)); print('government', count(gov))
print('crosswalk maps', len(maps), 'changes', len(changes))
