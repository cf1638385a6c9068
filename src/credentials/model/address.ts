import { Type, type Static } from 'typebox';
import { typeExactly, typeIncluding } from './primitives.js';

export const GeoCoordinates = Type.Object({
  type: typeExactly('GeoCoordinates'),
  latitude: Type.Number(),
  longitude: Type.Number(),
});
export type GeoCoordinates = Static<typeof GeoCoordinates>;

/** A postal address of a person or organization. */
export const Address = Type.Object(
  {
    type: typeIncluding('Address'),
    addressCountry: Type.Optional(Type.String()),
    addressCountryCode: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 country code' })),
    addressRegion: Type.Optional(Type.String()),
    addressLocality: Type.Optional(Type.String()),
    streetAddress: Type.Optional(Type.String()),
    postOfficeBoxNumber: Type.Optional(Type.String()),
    postalCode: Type.Optional(Type.String()),
    geo: Type.Optional(GeoCoordinates),
  },
  { description: 'A postal address' },
);
export type Address = Static<typeof Address>;
