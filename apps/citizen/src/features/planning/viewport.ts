import type { Bbox } from '../../components/map/tiles.ts';

/** Web Mercator stops here; a bbox never asks beyond it. */
const MAX_LAT = 85;

/**
 * The area to ask the overlay for when the map shows `view` at `zoom`: the view padded by half its size on each
 * side (a small pan needs no new request), then widened to a grid of cells half a map tile wide at that zoom.
 * Panning about and back asks for the same few bboxes again, which the browser's HTTP cache answers.
 */
export function overlayBbox([west, south, east, north]: Bbox, zoom: number): Bbox {
  const cell = 180 / 2 ** zoom;
  const padX = (east - west) / 2;
  const padY = (north - south) / 2;
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
