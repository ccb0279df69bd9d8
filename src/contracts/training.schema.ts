import { z } from 'zod';
import { roles } from './enums.ts';

// The training sandbox's guided lessons as the API presents them, in the request's language.

// Any id is looked up: one naming no lesson is a 404 with its own code, not a validation error.
export const lessonParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** One lesson for the caller: its steps and when they first passed it. */
export const lessonSchema = z.object({
  id: z.string(),
  role: z.enum(roles),
  title: z.string(),
  steps: z.array(z.string()),
  /** Whether the lesson sets up its appeal (false: the trainee registers it themselves). */
  setsUpAppeal: z.boolean(),
  completedAt: z.string().nullable(),
});
export type LessonView = z.infer<typeof lessonSchema>;

export const lessonListSchema = z.object({ items: z.array(lessonSchema) });

/** A lesson started: the sandbox appeal it set up, if any. */
export const lessonStartedSchema = z.object({ lesson: z.string(), number: z.string().nullable() });

/** The result of checking a trainee's work on a lesson. */
export const lessonCheckSchema = z.object({
  passed: z.boolean(),
  problems: z.array(z.string()),
  completedAt: z.string().nullable(),
});
export type LessonCheck = z.infer<typeof lessonCheckSchema>;

/** Who in a head's scope has passed which of their role's lessons. */
export const trainingProgressSchema = z.object({
  people: z.array(
    z.object({
      login: z.string(),
      fullName: z.string(),
      role: z.enum(roles),
      unit: z.string(),
      lessons: z.array(z.object({ id: z.string(), title: z.string(), completedAt: z.string().nullable() })),
    }),
  ),
});
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;
