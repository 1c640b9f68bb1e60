# Builds transform/reference/admin-divisions.json (cities and counties) from the 国家统计局 division
# lists published as dist/cities.csv and dist/areas.csv by github.com/modood/Administrative-divisions-of-China
# (commits in SOURCE_COMMITS). The CSVs are not ours and are not committed: fetch them, then
# run: python3 transform/reference/build/build-divisions.py DIR_WITH_CITIES_AND_AREAS_CSV
# The provinces map is read from the current JSON and kept, and so are its counties the source lacks.
import json, os, sys, csv
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), 'admin-divisions.json')
REPO = 'modood/Administrative-divisions-of-China'
SOURCE_COMMITS = {'dist/cities.csv': '2824502ba4a6875bceafee81f926789635db1d00',
                  'dist/areas.csv': '0b7fd75e6bd8fef6c63d7f02cfaf0a39b33fc199'}
# Rows of cities.csv that group counties without being a prefecture-level division.
PLACEHOLDER_CITIES = {'市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'}
# Areas coded for statistics only, not GB/T 2260 divisions: every code with 5th digit 7 (开发区, 管理区,
# 新区 …) and these: 大兴安岭's 加格达奇区/松岭区/新林区/呼中区, 三沙's 西沙/南沙/中沙群岛, 大柴旦行政委员会.
STATISTICAL_ONLY = {'232761', '232762', '232763', '232764', '460321', '460322', '460323', '632857'}

if len(sys.argv) != 2: raise SystemExit(__doc__ or 'usage: build-divisions.py DIR')
src = sys.argv[1]
old = json.load(open(OUT, encoding='utf-8'))
provinces = old['provinces']
province_by_prefix = {code[:2]: name for name, code in provinces.items()}
if len(province_by_prefix) != 31: raise SystemExit('expected the 31 provinces in ' + OUT)

def rows(name, columns):
    with open(os.path.join(src, name), encoding='utf-8', newline='') as f:
        r = list(csv.DictReader(f))
    if not r or list(r[0].keys()) != columns: raise SystemExit(f'{name}: expected columns {columns}')
    return r

city_rows = rows('cities.csv', ['code', 'name', 'provinceCode'])
area_rows = rows('areas.csv', ['code', 'name', 'cityCode', 'provinceCode'])

cities, city_name = [], {}
for r in city_rows:
    if len(r['code']) != 4 or r['code'][:2] != r['provinceCode']: raise SystemExit(f'bad city row {r}')
    province = province_by_prefix[r['provinceCode']]
    if r['name'] in PLACEHOLDER_CITIES: city_name[r['code']] = None; continue
    city_name[r['code']] = r['name']
    cities.append({'code': r['code'] + '00', 'name': r['name'], 'province': province})

counties, seen = [], set()
for r in area_rows:
    code = r['code']
    if len(code) != 6 or code[:4] != r['cityCode'] or code[:2] != r['provinceCode'] or r['cityCode'] not in city_name:
        raise SystemExit(f'bad area row {r}')
    city = city_name[r['cityCode']]
    # 东莞市 441900, 中山市 442000, 儋州市 460400, 嘉峪关市 620201: the city itself (no counties under it).
    if r['name'] == city: continue
    e = {'code': code, 'name': r['name'], 'province': province_by_prefix[r['provinceCode']], 'city': city}
    if code[4] == '7' or code in STATISTICAL_ONLY: e['statistical'] = True
    counties.append(e); seen.add((e['province'], e['name']))

# Counties of the current file that the source lacks (济源产城融合示范区 419001, from the first hand-written
# list) stay, after the source's.
kept = [c for c in old.get('counties', []) if (c['province'], c['name']) not in seen]
for p in old.get('places', []):  # the first shape, for a rebuild from a file that still has it
    if p.get('county') and (p['province'], p['county']) not in seen and not any(k['name'] == p['county'] for k in kept):
        kept.append({'code': p['code'], 'name': p['county'], 'province': p['province'], 'city': p.get('city')})
counties += kept

source = (f'国家统计局 data (统计用区划代码) as published by github.com/{REPO}: dist/cities.csv at commit '
          f'{SOURCE_COMMITS["dist/cities.csv"]}, dist/areas.csv at commit {SOURCE_COMMITS["dist/areas.csv"]} '
          '(divisions as of about 2021-2022: 杭州 临平区/钱塘区 and 漳州 龙海区/长泰区 are in). City codes are the 4-digit code + 00. '
          'Districts, counties, banners and county-level cities carry their GB/T 2260 codes; entries with "statistical": true '
          '(开发区, 管理区, 新区 … and a few others) exist only in the statistical list. Provinces: GB/T 2260. '
          'Kept from the earlier hand-written list: ' + ', '.join(f'{k["name"]} {k["code"]}' for k in kept) + '.')

def line(o): return json.dumps(o, ensure_ascii=False)
parts = ['{', f' "source": {line(source)},', ' "provinces": {']
parts.append(',\n'.join(f'  {line(k)}: {line(v)}' for k, v in provinces.items()))
parts += [' },', ' "cities": [', ',\n'.join('  ' + line(c) for c in cities), ' ],',
          ' "counties": [', ',\n'.join('  ' + line(c) for c in counties), ' ]', '}']
open(OUT, 'w', encoding='utf-8').write('\n'.join(parts) + '\n')
print(f'{len(provinces)} provinces, {len(cities)} cities, {len(counties)} counties '
      f'({sum(1 for c in counties if c["city"] is None)} without a city, {sum(1 for c in counties if c.get("statistical"))} statistical-only, '
      f'{len(kept)} kept from the former list) -> {OUT}')
