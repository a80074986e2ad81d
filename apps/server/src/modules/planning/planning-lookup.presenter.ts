import type { LandUseCode, PlanningParcel, PlanningZone } from '@dltt/contracts';
import { UNKNOWN_CODE_COLOR } from './land-use-codes.service.ts';
import type { ParcelRow, ZoneRow } from './planning-lookup.repository.ts';

/** A zone with its code's name and colour from the dictionary (grey and no name for an unknown code). */
export function presentZone(r: ZoneRow, codes: Map<string, LandUseCode>): PlanningZone {
  const code = codes.get(r.code);
  return {
    id: String(r.id),
    code: r.code,
    codeName: code?.nameVi ?? null,
    color: code?.color ?? UNKNOWN_CODE_COLOR,
    name: r.name,
    function: r.function,
    areaM2: r.area_m2,
    densityPct: r.density_pct,
    maxFloors: r.max_floors,
    maxHeightM: r.max_height_m,
    setback: r.setback,
    note: r.note,
  };
}

export function presentParcel(r: ParcelRow, communeName: string | null): PlanningParcel {
  return {
    id: String(r.id),
    communeCode: r.commune_code,
    communeName,
    sheet: r.sheet,
    parcelNo: r.parcel_no,
    areaM2: r.area_m2,
    landType: r.land_type,
    address: r.address,
    geometry: r.geom,
  };
}
