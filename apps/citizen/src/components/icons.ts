import type { CategoryIcon } from '@dltt/contracts';
import type { FeatureId } from '../app/paths.ts';

/**
 * Our own line icons on a 24×24 grid, drawn with a 2px round stroke (see Icon.tsx). Each entry is one SVG path;
 * `a`-arcs draw circles. Kept as data so the whole set costs a few hundred bytes gzipped and needs no font.
 */
const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const shield = 'M12 3l8 3v6c0 5-3.4 8.3-8 9.5C7.4 20.3 4 17 4 12V6z';
const cross = 'M9.5 3.5h5v6h6v5h-6v6h-5v-6h-6v-5h6z';
const map = 'M3 6.5l6-2.5 6 2.5 6-2.5v13.5l-6 2.5-6-2.5-6 2.5zM9 4v13.5M15 6.5V20';

const featureIcons: Record<FeatureId, string> = {
  // megaphone: speaking up about what happens on the ground
  reports: 'M3 10v4h4l8 5V5l-8 5zM7 14l1.5 6h3L10 15.5M18.5 9a4 4 0 0 1 0 6',
  planning: map,
  // calendar with a tick
  appointments: 'M4 6h16v15H4zM4 10.5h16M8.5 3v5M15.5 3v5M9 15.5l2 2 4-4',
  // video camera
  cameras: 'M3 7h12v10H3zM15 10.5l6-3.5v10l-6-3.5',
  // state building with columns and a pediment
  nationalPortal: 'M12 3l9 5H3zM4 10.5h16M6 10.5V18M10 10.5V18M14 10.5V18M18 10.5V18M3 21h18',
  // office block
  provincialPortal: 'M5 21V3.5h10V21M15 9h4v12M8 7.5h4M8 11.5h4M8 15.5h4M3 21h18',
  police: `${shield}M12 8l1.2 2.5 2.8.4-2 1.9.5 2.7-2.5-1.3-2.5 1.3.5-2.7-2-1.9 2.8-.4z`,
  health: cross,
  // newspaper
  news: 'M4 4.5h13v15H6a2 2 0 0 1-2-2zM17 9h3v8.5a2 2 0 0 1-2 2M7.5 8.5h6M7.5 12h6M7.5 15.5h4',
};

const categoryIcons: Record<CategoryIcon, string> = {
  // traffic light
  traffic: `M7 2.5h10v19H7z${circle(12, 7, 1.8)}${circle(12, 12, 1.8)}${circle(12, 17, 1.8)}`,
  security: shield,
  // fork and knife
  food: 'M6 3v6a2.5 2.5 0 0 0 5 0V3M8.5 3v18M17.5 21V3c-2.5 1.5-3.5 5-3.5 9h3.5',
  land: map,
  // leaf
  environment: 'M5 20c0-9.5 6-15.5 15-15.5C20 14 14 20 5 20zM5 20l8.5-8.5',
  // light bulb: power, water and street lights
  infrastructure:
    'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.7.5 1.1 1.3 1.1 2.1v.1h5v-.1c0-.8.4-1.6 1.1-2.1A6 6 0 0 0 12 3z',
  health: cross,
  // mortarboard
  education: 'M2 9l10-5 10 5-10 5zM6 11v5c3.5 2.5 8.5 2.5 12 0v-5M22 9v6',
  other: `${circle(12, 12, 9)}${circle(8, 12, 0.6)}${circle(12, 12, 0.6)}${circle(16, 12, 0.6)}`,
};

const uiIcons = {
  back: 'M15 4.5L7.5 12l7.5 7.5',
  home: 'M3 11.5L12 4l9 7.5M5.5 9.5V20h13V9.5M10 20v-5.5h4V20',
  external: 'M13.5 4H20v6.5M20 4l-9 9M17.5 14v6H4V6.5h6',
  retry: 'M20 5v5h-5M19.5 10A8 8 0 1 0 20 14',
  // question mark: nothing here
  notFound: `${circle(12, 12, 9)}M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.6v.6M12 17v.01`,
  alert: `${circle(12, 12, 9)}M12 7.5v6M12 16.5v.01`,
  // wifi waves, struck through: no network
  offline:
    'M2 8.5a15 15 0 0 1 20 0M5 12a10.5 10.5 0 0 1 14 0M8.5 15.5a5.5 5.5 0 0 1 7 0M12 19.5v.01M3 3l18 18',
  // camera body with lens
  camera: `M3 8h4l1.5-2.5h7L17 8h4v11H3z${circle(12, 13.5, 3.5)}`,
  // picture: frame, sun, hill
  image: `M3 5h18v14H3z${circle(8.5, 9.5, 1.5)}M3 17l5.5-5 4 3.5 3-2.5L21 17`,
  // map pin
  pin: `M12 21.5s-7-6.2-7-12a7 7 0 0 1 14 0c0 5.8-7 12-7 12z${circle(12, 9.5, 2.5)}`,
  // crosshair: my position
  locate: `${circle(12, 12, 7)}M12 2v4M12 18v4M2 12h4M18 12h4`,
  map,
  clock: `${circle(12, 12, 9)}M12 7v5l3.5 2`,
  bell: 'M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0M12 3v2',
  check: 'M4.5 12.5l5 5 10-11',
  close: 'M6 6l12 12M18 6L6 18',
  trash: 'M4 7h16M9.5 7V4.5h5V7M6.5 7l1 13h9l1-13M10 11v5.5M14 11v5.5',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  left: 'M19 12H5M11 6l-6 6 6 6',
  right: 'M5 12h14M13 6l6 6-6 6',
  send: 'M21 3L10.5 13.5M21 3l-6.5 18-4-7.5L3 9.5z',
  // three linked dots
  share: `${circle(18, 5, 2.5)}${circle(6, 12, 2.5)}${circle(18, 19, 2.5)}M8.2 10.8l7.6-4.5M8.2 13.2l7.6 4.5`,
  // mobile phone
  phone: 'M7 2.5h10v19H7zM11 18h2',
  list: 'M9 6h11M9 12h11M9 18h11M4.5 6v.01M4.5 12v.01M4.5 18v.01',
  // a stack of map layers
  layers: 'M12 3l9 4.5-9 4.5-9-4.5zM3 12l9 4.5 9-4.5M3 16.5l9 4.5 9-4.5',
  eye: `M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z${circle(12, 12, 3)}`,
  search: `${circle(10.5, 10.5, 6.5)}M15.5 15.5L21 21`,
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
} as const;

export const ICONS = { ...featureIcons, ...categoryIcons, ...uiIcons };
export type IconName = keyof typeof ICONS;
