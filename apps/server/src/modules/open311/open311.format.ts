import { xmlSafe } from '@dltt/contracts';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * Open311 GeoReport v2 documents in the spec's element names. The service builds one plain object per document
 * (lists as arrays); JSON sends the list itself, XML wraps it in the spec's root and item elements.
 */
export type Format = 'json' | 'xml';
export type Open311Value = string | number | boolean | null | Open311Value[] | { [k: string]: Open311Value };

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** XML has no null: an absent value is an empty element. Arrays nested in items need their own item tag. */
function toXml(value: Open311Value, itemTags: Record<string, string>): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(v, itemTags));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const itemTag = itemTags[k];
      out[k] =
        itemTag && Array.isArray(v)
          ? v.length
            ? { [itemTag]: toXml(v, itemTags) }
            : ''
          : toXml(v, itemTags);
    }
    return out;
  }
  // Text stored before the input rule (or by an import) may hold characters XML cannot carry: one such report
  // must not make the whole feed unreadable for every XML client.
  return typeof value === 'string' ? xmlSafe(value) : value;
}

/** Item tags of nested lists: attributes/attribute, values/value, formats/format, endpoints/endpoint, notes/note. */
const NESTED = {
  attributes: 'attribute',
  values: 'value',
  formats: 'format',
  endpoints: 'endpoint',
  notes: 'note',
};

export function render(
  format: Format,
  doc: { root: string; item?: string; body: Open311Value },
): { contentType: string; payload: string } {
  if (format === 'json')
    return { contentType: 'application/json; charset=utf-8', payload: JSON.stringify(doc.body) };
  const inner = doc.item
    ? Array.isArray(doc.body) && doc.body.length
      ? { [doc.item]: toXml(doc.body, NESTED) }
      : ''
    : toXml(doc.body, NESTED);
  return {
    contentType: 'text/xml; charset=utf-8',
    payload: `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [doc.root]: inner })}`,
  };
}

/** ISO 8601 with the Vietnamese offset, as Open311 clients expect local times with a zone: 2026-05-04T10:00:00+07:00. */
export function vnDateTime(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}
