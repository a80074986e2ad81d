// Coordinate systems of planning files and their reprojection to WGS84 with proj4 (REFERENCE.md, "Planning data").
import type { PlanningCrs } from '@dltt/contracts';
import proj4 from 'proj4';

/** proj4 definitions; the VN-2000 ones take the datum shift from config (PLANNING_VN2000_TOWGS84). */
export function proj4Definition(crs: PlanningCrs, towgs84: string): string {
  switch (crs) {
    case 'EPSG:4326':
      return '+proj=longlat +datum=WGS84 +no_defs';
    case 'EPSG:9218':
      return `+proj=tmerc +lat_0=0 +lon_0=108.5 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${towgs84} +units=m +no_defs`;
    case 'EPSG:3405':
      return `+proj=utm +zone=48 +ellps=WGS84 +towgs84=${towgs84} +units=m +no_defs`;
    case 'EPSG:3406':
      return `+proj=utm +zone=49 +ellps=WGS84 +towgs84=${towgs84} +units=m +no_defs`;
  }
}

export type Reproject = (position: number[]) => [number, number];

/** A function taking a file's [x, y] to WGS84 [lon, lat]. */
export function reprojector(crs: PlanningCrs, towgs84: string): Reproject {
  if (crs === 'EPSG:4326') return ([x, y]) => [x ?? Number.NaN, y ?? Number.NaN];
  const converter = proj4(proj4Definition(crs, towgs84), proj4Definition('EPSG:4326', towgs84));
  return ([x, y]) => converter.forward([x ?? Number.NaN, y ?? Number.NaN]) as [number, number];
}

/** WGS84 [lon, lat] → the file's [x, y] (fixtures and control points). */
export function projector(crs: PlanningCrs, towgs84: string): Reproject {
  const converter = proj4(proj4Definition(crs, towgs84), proj4Definition('EPSG:4326', towgs84));
  return ([lon, lat]) => converter.inverse([lon ?? Number.NaN, lat ?? Number.NaN]) as [number, number];
}

/** A WKT PARAMETER's value by any of its names (ESRI and OGC spell them differently). */
function parameter(wkt: string, names: string[]): number | null {
  for (const name of names) {
    const match = wkt.match(new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*(-?[0-9.eE+-]+)`, 'i'));
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}

const near = (a: number | null, b: number, tolerance = 1e-6) => a !== null && Math.abs(a - b) <= tolerance;

/**
 * The coordinate system a .prj (WKT 1, ESRI or OGC flavour) describes, when it is one of ours: an EPSG authority
 * naming one, or the parameters themselves — WGS84 degrees; Transverse Mercator on the VN-2000 datum with central
 * meridian 108.5 and scale 0.9999 (TM-3 108°30'), or 105 / 111 and 0.9996 (UTM 48N / 49N). Anything else (another
 * zone, UTM on WGS84, a local grid) is null: the officer chooses, seeing the text.
 */
export function crsOfPrj(wkt: string): PlanningCrs | null {
  const text = wkt.trim();
  const authority = text.match(/AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i)?.[1];
  if (authority) {
    const named = `EPSG:${authority}`;
    if (named === 'EPSG:9218' || named === 'EPSG:3405' || named === 'EPSG:3406' || named === 'EPSG:4326')
      return named;
  }
  const isVn2000 = /VN[-_ ]?2000|Vietnam[-_ ]?2000/i.test(text);
  if (/^GEOGCS/i.test(text)) return /WGS[-_ ]?(19)?84/i.test(text) && !isVn2000 ? 'EPSG:4326' : null;
  if (!/^PROJCS/i.test(text) || !/Transverse_Mercator/i.test(text) || !isVn2000) return null;
  if (!/UNIT\s*\[\s*"(Meter|metre)"/i.test(text)) return null;
  const centralMeridian = parameter(text, ['central_meridian', 'longitude_of_center', 'longitude_of_origin']);
  const scale = parameter(text, ['scale_factor']);
  const falseEasting = parameter(text, ['false_easting']);
  const falseNorthing = parameter(text, ['false_northing']);
  const latitudeOfOrigin = parameter(text, ['latitude_of_origin']) ?? 0;
  if (!near(falseEasting, 500000) || !near(falseNorthing, 0) || !near(latitudeOfOrigin, 0)) return null;
  if (near(centralMeridian, 108.5) && near(scale, 0.9999)) return 'EPSG:9218';
  if (near(centralMeridian, 105) && near(scale, 0.9996)) return 'EPSG:3405';
  if (near(centralMeridian, 111) && near(scale, 0.9996)) return 'EPSG:3406';
  return null;
}

/** The WKT we write for EPSG:9218 (fixtures and the bench): what QGIS / ogr2ogr write for this zone. */
export const VN2000_TM3_108_30_WKT =
  'PROJCS["VN-2000 / TM-3 zone 108-30",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],' +
  'TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]],' +
  'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
  'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108.5],PARAMETER["scale_factor",0.9999],' +
  'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","9218"]]';

/**
 * A GeoJSON `crs` member (the 2008 draft; RFC 7946 files have none and are WGS84): `EPSG:9218`,
 * `urn:ogc:def:crs:EPSG::9218`, `urn:ogc:def:crs:OGC:1.3:CRS84`. Null when it names one we do not know.
 */
export function crsOfGeoJsonMember(member: unknown): PlanningCrs | null {
  const name = (member as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  const code = name.match(/EPSG:{1,2}(\d+)$/i)?.[1];
  const crs = code ? `EPSG:${code}` : null;
  return crs === 'EPSG:4326' || crs === 'EPSG:9218' || crs === 'EPSG:3405' || crs === 'EPSG:3406'
    ? crs
    : null;
}
