// The indicator catalogue as data: zod schemas for catalogues (national-2019.json) and overlays
// (liaoning-2019.json, or any deployment's JSON file). See docs/rules.md.
import { z } from 'zod';

/** A test on one field of a finding: a value (equal), a list (one of), or comparisons. */
export const conditionSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
  z
    .object({
      in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
      notIn: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
      gte: z.number().optional(),
      gt: z.number().optional(),
      lte: z.number().optional(),
      lt: z.number().optional(),
      exists: z.boolean().optional(),
      /** A string containing this text, or a list (e.g. `detail.differs`) holding this value. */
      contains: z.string().optional(),
      /** A list or string with (true) or without (false) any element or character. */
      notEmpty: z.boolean().optional(),
    })
    .strict(),
]);

/** Which findings a rule is about: a check id (or several) and conditions on fields such as `detail.type`. */
export const matcherSchema = z
  .object({
    check: z.union([z.string(), z.array(z.string()).min(1)]),
    where: z.record(z.string(), conditionSchema).optional(),
  })
  .strict();

/** How a deduction indicator loses points: per counted finding (`each`) or once (`once`), optionally capped. */
export const deductionRuleSchema = z
  .object({
    id: z.string().min(1),
    match: z.array(matcherSchema),
    each: z.number().nonnegative().optional(),
    once: z.number().nonnegative().optional(),
    /** Count distinct values of this field instead of findings (e.g. `target` for links, `url` for columns). */
    distinctBy: z.string().optional(),
    /** Multiply `each` by this numeric field (e.g. `detail.count` for per-occurrence typo deductions). */
    weightBy: z.string().optional(),
    max: z.number().nonnegative().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((r) => (r.each === undefined) !== (r.once === undefined), { message: '必须且只能设置 each 或 once 之一' });

/**
 * The severity of the findings a rule matches, first match wins. Checks report what they saw; the catalogue
 * says how much it weighs. A finding under a fired veto is 'veto'; one under a deduction indicator with its own
 * `severity` takes that; any other takes the first matching entry here, and 'info' when none matches.
 */
export const severityRuleSchema = z
  .object({
    match: z.array(matcherSchema).min(1),
    severity: z.enum(['major', 'minor', 'info']),
    note: z.string().optional(),
  })
  .strict();

/** A veto trigger: enough distinct matching findings, or a ratio read from a finding's detail. */
export const triggerSchema = z.union([
  z
    .object({
      id: z.string().min(1),
      count: z.array(matcherSchema).min(1),
      atLeast: z.number().positive(),
      distinctBy: z.string().optional(),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      id: z.string().min(1),
      ratio: z.object({ match: z.array(matcherSchema).min(1), numerator: z.string(), denominator: z.string() }).strict(),
      atLeast: z.number().nonnegative(),
      note: z.string().optional(),
    })
    .strict(),
]);

/** Who judges an indicator: the machine (checks), a person (the round's manual checklist), or both. */
export const judgedBySchema = z.enum(['machine', 'person', 'both']);

export const indicatorSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, '指标代码只能包含小写字母、数字、点和连字符'),
    name: z.string().min(1),
    kind: z.enum(['veto', 'deduction', 'bonus']),
    /** Block code (deduction and bonus indicators); vetoes have none. */
    block: z.string().optional(),
    /** The indicator's value: the most it can lose (deduction) or award (bonus). 0 for vetoes. */
    points: z.number().nonnegative(),
    /** The findings that belong to this indicator. */
    match: z.array(matcherSchema).default([]),
    /** Veto only: any trigger fires the veto. Without triggers, any matching finding does. */
    triggers: z.array(triggerSchema).optional(),
    /** Deduction only. */
    deductions: z.array(deductionRuleSchema).optional(),
    /** Severity given to the findings assigned to this deduction indicator (default: the check's own). */
    severity: z.enum(['major', 'minor', 'info']).optional(),
    /**
     * Who judges it (default 'machine'). 'person' and 'both' items form the inspectors' checklist in a round;
     * an indicator no check matches cannot be judged by the machine alone.
     */
    judgedBy: judgedBySchema.default('machine'),
    basis: z.string().min(1),
    advice: z.string().min(1),
    verified: z.boolean(),
    source: z.string().min(1),
  })
  .strict();

export const blockSchema = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    kind: z.enum(['deduction', 'bonus']),
    points: z.number().nonnegative(),
    verified: z.boolean(),
    source: z.string().min(1),
  })
  .strict();

export const catalogueSchema = z
  .object({
    schema: z.literal('govpatrol.catalogue/1'),
    id: z.string().min(1),
    name: z.string().min(1),
    basis: z.string().min(1),
    passScore: z.number(),
    bonusThreshold: z.number(),
    maxScore: z.number().positive(),
    deductionTotal: z.number().positive(),
    bonusTotal: z.number().nonnegative(),
    /** The block skipped for 国务院部门 without external service (then the rest is rescaled). */
    serviceBlock: z.string().min(1),
    blocks: z.array(blockSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    severities: z.array(severityRuleSchema).default([]),
    metadata: z.record(z.string(), z.unknown()).default({}),
    notes: z.array(z.string()).default([]),
  })
  .strict();

const keyedPatch = <T extends z.ZodTypeAny>(item: T) => z.union([z.array(item), z.record(z.string(), z.record(z.string(), z.unknown()))]);

/** Overlay: per-indicator patches by code; triggers and deduction rules patched by their id. */
export const indicatorPatchSchema = z
  .object({
    name: z.string().min(1).optional(),
    points: z.number().nonnegative().optional(),
    match: z.array(matcherSchema).optional(),
    triggers: keyedPatch(triggerSchema).optional(),
    deductions: keyedPatch(deductionRuleSchema).optional(),
    severity: z.enum(['major', 'minor', 'info']).optional(),
    judgedBy: judgedBySchema.optional(),
    basis: z.string().min(1).optional(),
    advice: z.string().min(1).optional(),
    verified: z.boolean().optional(),
    source: z.string().min(1).optional(),
    /** Drop this indicator from the catalogue. */
    remove: z.boolean().optional(),
  })
  .strict();

export const overlaySchema = z
  .object({
    schema: z.literal('govpatrol.overlay/1'),
    id: z.string().min(1),
    name: z.string().min(1),
    /** Used when the overlay is loaded as a catalogue by name: the catalogue it applies to. */
    extends: z.string().optional(),
    basis: z.string().optional(),
    deductionTotal: z.number().positive().optional(),
    passScore: z.number().optional(),
    bonusThreshold: z.number().optional(),
    maxScore: z.number().positive().optional(),
    bonusTotal: z.number().nonnegative().optional(),
    blocks: z.record(z.string(), z.object({ points: z.number().nonnegative().optional(), name: z.string().optional() }).strict()).optional(),
    indicators: z.record(z.string(), indicatorPatchSchema).optional(),
    add: z.array(indicatorSchema).optional(),
    /** Severity rules placed before the catalogue's (first match wins, so these take precedence). */
    severities: z.array(severityRuleSchema).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict();

export type Condition = z.infer<typeof conditionSchema>;
export type Matcher = z.infer<typeof matcherSchema>;
export type DeductionRule = z.infer<typeof deductionRuleSchema>;
export type Trigger = z.infer<typeof triggerSchema>;
export type SeverityRule = z.infer<typeof severityRuleSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type JudgedBy = z.infer<typeof judgedBySchema>;
export type Block = z.infer<typeof blockSchema>;
export type CatalogueData = z.infer<typeof catalogueSchema>;
export type Overlay = z.infer<typeof overlaySchema>;

/** A loaded catalogue: the data plus where it came from (the file and overlays applied, in order). */
export interface Catalogue extends CatalogueData {
  sources: string[];
}
