import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/**
 * The GeoReport v2 documents as the specification describes them (open311.github.io GeoReport/v2/index.md), written
 * independently of our serializer so tests catch a drift from the spec. Test-only.
 */
export const VN_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const DateTime = z.string().regex(VN_DATETIME);
const Text = z.string().nullable();

export const SpecDiscovery = z.object({
  changeset: DateTime,
  contact: z.string(),
  key_service: z.string(),
  endpoints: z
    .array(
      z.object({
        specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
        url: z.string().url(),
        changeset: DateTime,
        type: z.enum(['production', 'test']),
        formats: z.array(z.enum(['text/xml', 'application/json'])).min(1),
      }),
    )
    .min(1),
});

export const SpecService = z.object({
  service_code: z.string().min(1),
  service_name: z.string().min(1),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

export const SpecServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: Text,
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});

export const SpecPostResponse = z
  .array(
    z.object({
      service_request_id: z.string().optional(),
      token: z.string().optional(),
      service_notice: Text,
      account_id: Text,
    }),
  )
  .length(1);

export const SpecRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: Text,
  service_name: z.string(),
  service_code: z.string(),
  description: Text,
  agency_responsible: Text,
  service_notice: Text,
  requested_datetime: DateTime,
  updated_datetime: DateTime.nullable(),
  expected_datetime: DateTime.nullable(),
  address: Text,
  address_id: Text,
  zipcode: Text,
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: Text,
});

export const SpecToken = z.array(z.object({ service_request_id: z.string(), token: z.string() })).length(1);

export const SpecErrors = z
  .array(z.object({ code: z.number().int(), description: z.string().min(1) }))
  .min(1);

export const SpecUpdate = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']).nullable(),
  updated_datetime: DateTime,
  description: Text,
  media_url: Text,
});

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });

/** Parses an XML answer and returns the items under <root><item>, always as an array of string records. */
export function xmlItems(xml: string, root: string, item: string): Record<string, unknown>[] {
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error('missing XML declaration');
  const doc = parser.parse(xml) as Record<string, unknown>;
  const keys = Object.keys(doc);
  if (keys.length !== 1 || keys[0] !== root)
    throw new Error(`root element is <${keys.join(',')}>, expected <${root}>`);
  const body = doc[root];
  if (body === '') return [];
  const items = (body as Record<string, unknown>)[item];
  if (items === undefined) throw new Error(`no <${item}> in <${root}>`);
  return (Array.isArray(items) ? items : [items]) as Record<string, unknown>[];
}

/** The XML document's single root object (discovery, service_definition). */
export function xmlRoot(xml: string, root: string): Record<string, unknown> {
  const doc = parser.parse(xml) as Record<string, unknown>;
  if (!(root in doc)) throw new Error(`no <${root}> root`);
  return doc[root] as Record<string, unknown>;
}
