import { api } from '../../app/api.ts';

/** The media type the server parses boundary files as (a JSON body would be capped at 1 MB). */
const GEOJSON = 'application/geo+json';

export const communesApi = {
  /**
   * Replaces the boundaries of the communes the file names. The file goes out as it is: re-serialising a
   * 10 MB parse would double the memory and the time for nothing.
   */
  importBoundaries: (file: Blob) =>
    // slice() relabels the bytes with the media type the server expects without copying them.
    api<{ communes: number }>('PUT', '/admin/commune-boundaries', {
      file: file.slice(0, file.size, GEOJSON),
    }),
};
