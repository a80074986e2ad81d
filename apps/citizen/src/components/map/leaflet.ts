// The map library and its stylesheet, in one lazy chunk (assets/leaflet-*.js and .css): only a page that shows a
// map imports this file, through loadLeaflet() in MapView.tsx, so the home's first load never carries it
// (bench/size.ts budgets the chunk on its own).
import 'leaflet/dist/leaflet.css';

export * from 'leaflet';
