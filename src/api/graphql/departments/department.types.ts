import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, OrderDirection } from '../types/connection';
import { DateTimeFilter, IdFilter, StringFilter } from '../types/filters';
import { UserError } from '../types/user-error';
import type { DepartmentFilter, DepartmentSortField } from '../../../domain/directory/departments/department.filter';

@ObjectType('Department', {
  description: 'A department. Users given a department name (as Entra sends it) share the department of that name.',
  simpleResolvers: true,
})
export class DepartmentType {
  @Field(() => ID, { description: 'Stable id (a UUID).' })
  id!: string;

  @Field({ description: 'Name, unique within the tenant ignoring case.' })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Id of the parent department, when departments are arranged in a tree.',
  })
  parentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the user who heads the department.' })
  headUserId!: string | null;

  @Field({ description: 'When the department was created.' })
  createdAt!: Date;

  @Field({ description: 'When the department last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;
}

export const DepartmentConnection = Connection(DepartmentType, 'Department', 'department');

export enum DepartmentOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(DepartmentOrderField, {
  name: 'DepartmentOrderField',
  description: 'What to sort departments by.',
  valuesConfig: {
    NAME: { description: 'name, ignoring case.' },
    CREATED_AT: { description: 'Creation time.' },
    UPDATED_AT: { description: 'Time of the last change.' },
  },
});

@InputType({ description: 'How to sort departments.' })
export class DepartmentOrder {
  @Field(() => DepartmentOrderField, { description: 'The attribute to sort by.' })
  field!: DepartmentOrderField & DepartmentSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction!: OrderDirection;
}

@InputType({ description: 'Which departments to return. All given conditions must hold.' })
export class DepartmentFilterInput implements DepartmentFilter {
  @Field(() => [DepartmentFilterInput], { nullable: true, description: 'All of these hold.' })
  and?: DepartmentFilterInput[] | null;

  @Field(() => [DepartmentFilterInput], { nullable: true, description: 'At least one of these holds.' })
  or?: DepartmentFilterInput[] | null;

  @Field(() => DepartmentFilterInput, { nullable: true, description: 'This does not hold.' })
  not?: DepartmentFilterInput | null;

  @Field(() => IdFilter, { nullable: true, description: 'id.' })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'name.' })
  name?: StringFilter | null;

  @Field(() => IdFilter, {
    nullable: true,
    description: 'The parent department (present: false for top-level departments).',
  })
  parentId?: IdFilter | null;

  @Field(() => IdFilter, { nullable: true, description: 'The head of department.' })
  headUserId?: IdFilter | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Time of the last change.' })
  updatedAt?: DateTimeFilter | null;
}

@InputType({ description: 'A new department.' })
export class DepartmentCreateInput {
  @Field({ description: 'Name, unique within the tenant ignoring case.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The parent department.' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who heads it.' })
  headUserId?: string | null;
}

@InputType({ description: 'Changes to a department. Omitted fields stay as they are; null clears a field.' })
export class DepartmentUpdateInput {
  @Field(() => ID, { description: 'The department to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Only change the department if it is still at this version.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name. Users keep the department string they were given.' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'New parent department; null makes it top-level.' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New head of department; null removes the head.' })
  headUserId?: string | null;
}

@InputType({ description: 'A department and where it moves.' })
export class DepartmentMoveInput {
  @Field(() => ID, { description: 'The department to move, with everything below it.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The new parent; null moves it to the top.' })
  parentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only move it if it is still at this version.' })
  expectedVersion?: number | null;
}

@ObjectType({
  description: 'The result of departmentCreate, departmentUpdate or departmentMove.',
  simpleResolvers: true,
})
export class DepartmentPayload {
  @Field(() => DepartmentType, {
    nullable: true,
    description: 'The department after the change; null when userErrors say why not.',
  })
  department!: DepartmentType | null;

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}
