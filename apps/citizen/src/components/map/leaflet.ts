// The map library and its stylesheet, in one lazy chunk (assets/leaflet-*.js and .css): only a page that shows a
// map imports this file, through loadLeaflet() in MapView.tsx, so the home's first load never carries it
// (bench/size.ts budgets the chunk on its own). Leaflet's package names only its UMD build (`main`), which a
// bundler cannot re-export by name: its ES module build is imported by path (typed in leaflet-esm.d.ts).
import 'leaflet/dist/leaflet.css';

export * from 'leaflet/dist/leaflet-src.esm.js';
