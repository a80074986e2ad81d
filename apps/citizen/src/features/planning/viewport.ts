import type { Bbox } from '../../components/map/tiles.ts';

/** Web Mercator stops here; a bbox never asks beyond it. */
const MAX_LAT = 85;
/** The largest area the server draws in one answer, in screen pixels each way (else PLANNING_VIEWPORT_TOO_LARGE). */
export const MAX_VIEWPORT_PX = 2048;

/** Width and height of `bbox` on screen at `zoom`, in CSS px (Web Mercator, 256 px tiles). */
export function pixelSize([west, south, east, north]: Bbox, zoom: number): { width: number; height: number } {
  const world = 256 * 2 ** zoom;
  const y = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  };
  return { width: ((east - west) / 360) * world, height: (y(south) - y(north)) * world };
}

/**
 * The area to ask the overlay for when the map shows `view` at `zoom`: the view padded by half its size on each
 * side (a small pan needs no new request), then widened to a grid of cells half a map tile wide at that zoom.
 * Panning about and back asks for the same few bboxes again, which the browser's HTTP cache answers. A view so
 * large that the padded area would pass the server's limit ({@link MAX_VIEWPORT_PX}) is asked for unpadded.
 */
export function overlayBbox(view: Bbox, zoom: number): Bbox {
  const padded = snap(view, zoom, 0.5);
  const size = pixelSize(padded, zoom);
  return size.width <= MAX_VIEWPORT_PX && size.height <= MAX_VIEWPORT_PX ? padded : snap(view, zoom, 0);
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
