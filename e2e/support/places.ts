// Places and categories the report journeys file at (seeded reference data).

/** Ngã Sáu Ban Mê, Phường Buôn Ma Thuột (24133), as a browser geolocation fix. */
export const BMT = { latitude: 12.6807, longitude: 108.0378, accuracy: 15 };
/** The seeded category routed to the ward in the journeys. */
export const CATEGORY = 'Hạ tầng đô thị (điện, nước, chiếu sáng)';
export const CATEGORY_EN = 'Urban infrastructure (power, water, lighting)';
