import { z } from 'zod';
import { isCivilDate } from '../../domain/civil-date.js';

export const civilDate = z
  .string()
  .refine(isCivilDate, { message: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật / date must be a real YYYY-MM-DD date' });

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  level: z.enum(['province', 'district', 'commune']),
  parentCode: z.string().nullable(),
  provinceCode: z.string(),
  area: z.enum(['urban', 'rural']).nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const unitsQuery = z.object({ date: civilDate.optional() });

export const unitsResponse = z.object({ date: z.string(), units: z.array(unitSchema) });

export const unitParams = z.object({ code: z.string().regex(/^\d{2,5}$/) });

export const unitDetailResponse = z.object({
  unit: unitSchema,
  versions: z.array(unitSchema),
  children: z.array(unitSchema),
  predecessors: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      districtCode: z.string(),
      districtName: z.string().nullable(),
      provinceCode: z.string(),
    }),
  ),
  successors: z.array(z.object({ code: z.string(), name: z.string() })),
});

export type UnitDto = z.infer<typeof unitSchema>;
