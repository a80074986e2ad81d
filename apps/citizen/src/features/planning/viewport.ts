import {
  mercatorPixelSize,
  PLANNING_MAX_VIEWPORT_AREA_PX,
  PLANNING_MAX_VIEWPORT_SIDE_PX,
  planningViewportTooLarge,
} from '@dltt/contracts/map-tiles';
import type { Bbox } from '../../components/map/tiles.ts';

/** Web Mercator stops here; a bbox never asks beyond it. */
const MAX_LAT = 85;

/**
 * The area to ask the overlay for when the map shows `view` at `zoom`: the view padded by half its size on each
 * side (a small pan needs no new request), then widened to a grid of cells half a map tile wide at that zoom.
 * Panning about and back asks for the same few bboxes again, which the browser's HTTP cache answers. A view so
 * large that the padded area would pass the server's limit (`planningViewportTooLarge`, shared with the server) is asked for unpadded.
 */
export function overlayBbox(view: Bbox, zoom: number): Bbox {
  const padded = snap(view, zoom, 0.5);
  if (!planningViewportTooLarge(padded, zoom)) return padded;
  const unpadded = snap(view, zoom, 0);
  return planningViewportTooLarge(unpadded, zoom) ? shrinkToLimit(view, zoom) : unpadded;
}

/**
 * A view larger than the server draws (a very large screen): its middle part, as large as allowed. The rest of the
 * screen shows the base map only.
 */
function shrinkToLimit([west, south, east, north]: Bbox, zoom: number): Bbox {
  const { width, height } = mercatorPixelSize([west, south, east, north], zoom);
  const side = PLANNING_MAX_VIEWPORT_SIDE_PX * 0.99;
  const byArea = Math.sqrt((PLANNING_MAX_VIEWPORT_AREA_PX * 0.98) / (width * height));
  const fx = Math.min(1, byArea, side / width);
  const fy = Math.min(1, byArea, side / height);
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  const hx = ((east - west) / 2) * fx;
  const hy = ((north - south) / 2) * fy;
  return [cx - hx, cy - hy, cx + hx, cy + hy];
}

function snap([west, south, east, north]: Bbox, zoom: number, pad: number): Bbox {
  const cell = 180 / 2 ** zoom;
  const padX = (east - west) * pad;
  const padY = (north - south) * pad;
  const down = (v: number) => Math.floor(v / cell) * cell;
  const up = (v: number) => Math.ceil(v / cell) * cell;
  return [
    Math.max(-180, down(west - padX)),
    Math.max(-MAX_LAT, down(south - padY)),
    Math.min(180, up(east + padX)),
    Math.min(MAX_LAT, up(north + padY)),
  ];
}

/** `west,south,east,north` with 7 decimals at most and no exponent (the API's `bbox`). */
export function bboxParam(bbox: Bbox): string {
  return bbox.map((n) => n.toFixed(7).replace(/\.?0+$/, '')).join(',');
}

/** Whether `inner` lies wholly inside `outer`. */
export function bboxContains(outer: Bbox, inner: Bbox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}
