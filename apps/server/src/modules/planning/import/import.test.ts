import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import yazl from 'yazl';
import { AppError } from '../../../errors.ts';
import { testConfig } from '../../../testing/harness.ts';
import { crsOfGeoJsonMember, crsOfPrj, VN2000_TM3_108_30_WKT } from './crs.ts';
import { decodeText, encodingOfCpg } from './encodings.ts';
import { loadProvinceTest } from './province.ts';
import { ReportBuilder, validateZone } from './validate.ts';
import { extractShapefile } from './zip.ts';

describe('encodings', () => {
  test('TCVN3 (ABC) bytes decode to the letters of its table', () => {
    // Đ A7, ấ CA, ở EB, ạ B9, đ AE, ô AB, ị DE: TCVN 5712:1993 / the .VnTime fonts.
    const bytes = [
      0xa7, 0xca, 0x74, 0x20, 0xeb, 0x20, 0x74, 0xb9, 0x69, 0x20, 0xae, 0xab, 0x20, 0x74, 0x68, 0xde,
    ];
    assert.equal(decodeText(Buffer.from(bytes), 'tcvn3'), 'Đất ở tại đô thị');
    assert.equal(decodeText(Buffer.from([0xb8, 0xb5, 0xb6, 0xb7, 0xb9]), 'tcvn3'), 'áàảãạ');
    // "trồng cây lâu năm": ồ E5, â A9, ă A8.
    assert.equal(
      decodeText(Buffer.from('tr\u00e5ng c\u00a9y l\u00a9u n\u00a8m', 'latin1'), 'tcvn3'),
      'trồng cây lâu năm',
    );
  });

  test('Windows-1258 combining marks are composed (NFC)', () => {
    // Đ D0, â E2, combining acute EC, t.
    const text = decodeText(Buffer.from([0xd0, 0xe2, 0xec, 0x74]), 'windows-1258');
    assert.equal(text, 'Đất');
    assert.equal(text.length, 3);
  });

  test('.cpg names', () => {
    assert.equal(encodingOfCpg('UTF-8\r\n'), 'utf-8');
    assert.equal(encodingOfCpg('65001'), 'utf-8');
    assert.equal(encodingOfCpg('ANSI 1258'), 'windows-1258');
    assert.equal(encodingOfCpg('cp1258'), 'windows-1258');
    assert.equal(encodingOfCpg('TCVN3'), 'tcvn3');
    assert.equal(encodingOfCpg('1252'), null);
    assert.equal(encodingOfCpg(''), null);
  });
});

describe('coordinate systems', () => {
  const tm3Esri =
    'PROJCS["VN_2000_TM3_108_30",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.5],' +
    'PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

  test('.prj: EPSG authority or the parameters name our systems; others are unknown', () => {
    assert.equal(crsOfPrj(VN2000_TM3_108_30_WKT), 'EPSG:9218');
    assert.equal(crsOfPrj(tm3Esri), 'EPSG:9218');
    assert.equal(crsOfPrj(tm3Esri.replace('108.5', '105.0').replace('0.9999', '0.9996')), 'EPSG:3405');
    assert.equal(crsOfPrj(tm3Esri.replace('108.5', '111.0').replace('0.9999', '0.9996')), 'EPSG:3406');
    // Another TM-3 zone (107°45′), UTM on the WGS84 datum: not ours.
    assert.equal(crsOfPrj(tm3Esri.replace('108.5', '107.75')), null);
    assert.equal(
      crsOfPrj(
        'PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
          'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
          'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],' +
          'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
      ),
      null,
    );
    assert.equal(
      crsOfPrj(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]',
      ),
      'EPSG:4326',
    );
    assert.equal(crsOfPrj('LOCAL_CS["site grid"]'), null);
  });

  test('GeoJSON crs members', () => {
    const named = (name: string) => ({ type: 'name', properties: { name } });
    assert.equal(crsOfGeoJsonMember(named('urn:ogc:def:crs:OGC:1.3:CRS84')), 'EPSG:4326');
    assert.equal(crsOfGeoJsonMember(named('urn:ogc:def:crs:EPSG::9218')), 'EPSG:9218');
    assert.equal(crsOfGeoJsonMember(named('EPSG:3405')), 'EPSG:3405');
    assert.equal(crsOfGeoJsonMember(named('EPSG:32648')), null);
    assert.equal(crsOfGeoJsonMember(null), null);
  });

  test('the province: Buôn Ma Thuột in, Hà Nội and Nha Trang out', async () => {
    const inProvince = await loadProvinceTest(testConfig().referenceDir);
    assert.equal(inProvince(108.03, 12.68), true);
    assert.equal(inProvince(105.85, 21.03), false);
    assert.equal(inProvince(109.19, 12.24), false);
  });
});

describe('zips', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-zip-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function zipOf(entries: Record<string, string>, rename?: [string, string]): Promise<string> {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    let bytes = Buffer.concat(chunks);
    // yazl refuses unsafe names: write a safe one, then swap it for one of the same length in the bytes.
    if (rename) bytes = Buffer.from(bytes.toString('latin1').replaceAll(rename[0], rename[1]), 'latin1');
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.zip`);
    await writeFile(file, bytes);
    return file;
  }
  const isInvalid = (error: unknown) => error instanceof AppError && error.code === 'PLANNING_FILE_INVALID';

  test('the parts are found in a subfolder; other files are skipped', async () => {
    const file = await zipOf({
      'a/b/x.shp': 'shp',
      'a/b/x.shx': 'shx',
      'a/b/x.dbf': 'dbf',
      'a/b/x.prj': 'prj',
      'a/readme.txt': 'hi',
      '__MACOSX/a/b/._x.shp': 'fork',
    });
    const out = await mkdtemp(path.join(dir, 'out-'));
    const extracted = await extractShapefile(file, out, 1024);
    assert.deepEqual(Object.keys(extracted.parts).sort(), ['.dbf', '.prj', '.shp', '.shx']);
    assert.deepEqual(extracted.names.sort(), ['x.dbf', 'x.prj', 'x.shp', 'x.shx']);
  });

  test('a path leaving the archive, two .shp, a missing .dbf, an entry beyond the size limit: refused', async () => {
    const out = await mkdtemp(path.join(dir, 'out-'));
    const traversal = await zipOf({ 'zz/x.shp': 's', 'x.shx': 's', 'x.dbf': 'd' }, ['zz/x.shp', '../x.shp']);
    await assert.rejects(extractShapefile(traversal, out, 1024), isInvalid);
    const two = await zipOf({ 'x.shp': 's', 'y.shp': 's', 'x.shx': 's', 'x.dbf': 'd' });
    await assert.rejects(extractShapefile(two, out, 1024), isInvalid);
    const noDbf = await zipOf({ 'x.shp': 's', 'x.shx': 's' });
    await assert.rejects(extractShapefile(noDbf, out, 1024), isInvalid);
    const big = await zipOf({ 'x.shp': 'x'.repeat(5000), 'x.shx': 's', 'x.dbf': 'd' });
    await assert.rejects(extractShapefile(big, out, 1000), isInvalid);
    await assert.rejects(extractShapefile(path.join(dir, 'none.zip'), out, 1000), isInvalid);
  });
});

describe('values the database would refuse', () => {
  const square = (x: number, y: number, d = 0.001) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  });
  const context = () => ({
    reproject: (p: number[]): [number, number] => [p[0] ?? Number.NaN, p[1] ?? Number.NaN],
    inProvince: () => true,
    knownCodes: new Set(['ODT']),
    report: new ReportBuilder(),
  });

  test('NUL padding is not text; a floor count beyond an integer is a bad number, not a failed insert', () => {
    const c = context();
    const staged = validateZone(
      {
        index: 1,
        properties: { MA: 'ODT\u0000\u0000', TEN: 'Ô phố\u0000', TANG: 3e12 },
        geometry: square(108, 12.7),
      },
      { code: 'MA', name: 'TEN', maxFloors: 'TANG' },
      c,
    );
    assert.equal(staged?.values.code, 'ODT');
    assert.equal(staged?.values.name, 'Ô phố');
    assert.equal(staged?.values.max_floors, null);
    assert.deepEqual(
      c.report.build().issues.map((i) => i.kind),
      ['bad_number'],
    );
  });

  test('metres taken for degrees (outside ±180 / ±90) are an invalid geometry, an error', () => {
    const c = context();
    const staged = validateZone(
      { index: 7, properties: { MA: 'ODT' }, geometry: square(433_000, 1_405_000, 10) },
      { code: 'MA' },
      c,
    );
    assert.equal(staged, null);
    const report = c.report.build();
    assert.equal(report.errors, 1);
    assert.equal(report.issues[0]?.kind, 'invalid_geometry');
  });
});
