import { Field, ID, InputType } from 'type-graphql';
import type { DateTimeCondition, IdCondition, StringCondition } from '../../../domain/directory/shared/conditions';

@InputType({
  description:
    'Conditions on a text value. Comparisons ignore case unless caseSensitive is true; all given conditions must hold.',
})
export class StringFilter implements StringCondition {
  @Field(() => String, { nullable: true, description: 'Equal to.' })
  eq?: string | null;

  @Field(() => String, { nullable: true, description: 'Not equal to (a missing value counts as not equal).' })
  ne?: string | null;

  @Field(() => [String], { nullable: true, description: 'Equal to one of these.' })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Starts with. Wildcard characters (% and _) match literally.' })
  startsWith?: string | null;

  @Field(() => String, { nullable: true, description: 'Ends with. Wildcard characters match literally.' })
  endsWith?: string | null;

  @Field(() => String, { nullable: true, description: 'Contains. Wildcard characters match literally.' })
  contains?: string | null;

  @Field(() => String, { nullable: true, description: 'Sorts after (lexicographically).' })
  gt?: string | null;

  @Field(() => String, { nullable: true, description: 'Sorts after or equal to.' })
  gte?: string | null;

  @Field(() => String, { nullable: true, description: 'Sorts before.' })
  lt?: string | null;

  @Field(() => String, { nullable: true, description: 'Sorts before or equal to.' })
  lte?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: has a non-empty value; false: has none.' })
  present?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Compare case-sensitively. Default false.' })
  caseSensitive?: boolean | null;
}

@InputType({ description: 'Conditions on an id; all given conditions must hold.' })
export class IdFilter implements IdCondition {
  @Field(() => ID, { nullable: true, description: 'Equal to.' })
  eq?: string | null;

  @Field(() => ID, { nullable: true, description: 'Not equal to.' })
  ne?: string | null;

  @Field(() => [ID], { nullable: true, description: 'One of these.' })
  in?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: set; false: not set.' })
  present?: boolean | null;
}

@InputType({ description: 'Conditions on a point in time; all given conditions must hold.' })
export class DateTimeFilter implements DateTimeCondition {
  @Field(() => Date, { nullable: true, description: 'Exactly at.' })
  eq?: Date | null;

  @Field(() => Date, { nullable: true, description: 'After.' })
  gt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'At or after.' })
  gte?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before.' })
  lt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'At or before.' })
  lte?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: has a value; false: has none (for optional dates such as startDate).',
  })
  present?: boolean | null;
}
