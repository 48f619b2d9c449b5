import { z } from 'zod';
import { DocumentSchema } from '../document/document.schema.js';
import { rowId } from '../lib/row-id.js';

/** One entry as a writer submits it; parsed at the desk's edge (parseInput). */
export const EntryInputSchema = z.object({
  headline: z.string().trim().max(300, 'An entry headline may be at most 300 characters.').default(''),
  body: DocumentSchema.refine((d) => d.blocks.length > 0, { message: 'An entry needs some text.' }),
  authorIds: z.array(rowId).max(20).default([]),
  pinned: z.boolean().default(false),
});
export type EntryValues = z.output<typeof EntryInputSchema>;

/** A new entry as the service takes it: parsed values; left-out fields take the schema's defaults. */
export type NewEntry = Pick<EntryValues, 'body'> & Partial<EntryValues>;
