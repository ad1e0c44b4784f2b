import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../types/user-error';

export enum ExtensionAttributeType {
  STRING = 'string',
  BOOLEAN = 'boolean',
  INTEGER = 'integer',
  DECIMAL = 'decimal',
  DATE_TIME = 'date_time',
}
registerEnumType(ExtensionAttributeType, {
  name: 'ExtensionAttributeType',
  description: 'What kind of value an extension attribute holds (its SCIM type).',
  valuesConfig: {
    STRING: { description: 'Text (SCIM string).' },
    BOOLEAN: { description: 'true or false; "True"/"False" as Entra sends them are accepted.' },
    INTEGER: { description: 'A whole number; numeric text is accepted.' },
    DECIMAL: { description: 'A number; numeric text is accepted.' },
    DATE_TIME: { description: 'An ISO 8601 date-time, kept exactly as written (SCIM dateTime).' },
  },
});

@ObjectType('ExtensionAttribute', {
  description:
    'An attribute this tenant declared in an extension schema of its own, so that what the identity provider maps to `<schema>:<name>` is stored, returned, filtered and listed in SCIM /Schemas.',
  simpleResolvers: true,
})
export class ExtensionAttributeObject {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field({ description: 'The extension schema URN, e.g. urn:ietf:params:scim:schemas:extension:Contoso:2.0:User.' })
  schema!: string;

  @Field({ description: 'The attribute name within the schema.' })
  name!: string;

  @Field({ description: 'The SCIM path Entra maps to: `<schema>:<name>`.' })
  path!: string;

  @Field(() => ExtensionAttributeType, { description: 'What kind of value it holds.' })
  type!: ExtensionAttributeType;

  @Field(() => String, { nullable: true, description: 'What it means, shown in /Schemas.' })
  description!: string | null;

  @Field({ description: 'Whether text values compare case-sensitively.' })
  caseExact!: boolean;

  @Field({ description: 'Whether no two users may have the same value.' })
  unique!: boolean;

  @Field({ description: 'When it was declared.' })
  createdAt!: Date;

  @Field({ description: 'When its declaration last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'A new extension attribute.' })
export class ExtensionAttributeCreateInput {
  @Field({
    description:
      'The extension schema URN, e.g. urn:ietf:params:scim:schemas:extension:Contoso:2.0:User (what Entra’s attribute editor shows before the attribute name).',
  })
  schema!: string;

  @Field({ description: 'The attribute name: a letter, then letters, digits, "-" or "_".' })
  name!: string;

  @Field(() => ExtensionAttributeType, { description: 'What kind of value it holds; it cannot change later.' })
  type!: ExtensionAttributeType;

  @Field(() => String, { nullable: true, description: 'What it means.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Compare text case-sensitively. Default false.' })
  caseExact?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'No two users may have the same value. Default false.' })
  unique?: boolean | null;
}

@InputType({ description: 'Changes to an extension attribute; schema, name and type stay.' })
export class ExtensionAttributeUpdateInput {
  @Field({ description: 'The schema URN of the attribute to change (ignoring case).' })
  schema!: string;

  @Field({ description: 'The name of the attribute to change (ignoring case).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it, omitted keeps it.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Compare text case-sensitively.' })
  caseExact?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'No two users may have the same value; refused while two users share one.',
  })
  unique?: boolean | null;
}

@InputType({ description: 'The extension attribute to delete.' })
export class ExtensionAttributeDeleteInput {
  @Field({ description: 'Its schema URN (ignoring case).' })
  schema!: string;

  @Field({ description: 'Its name (ignoring case).' })
  name!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Also remove every user’s value of it. Without this, an attribute that users have values of is not deleted (EXTENSION_ATTRIBUTE_IN_USE).',
  })
  dropValues?: boolean | null;
}

@ObjectType({ description: 'The result of an extension attribute mutation.', simpleResolvers: true })
export class ExtensionAttributePayload {
  @Field(() => ExtensionAttributeObject, {
    nullable: true,
    description: 'The attribute as declared now (for a delete: as it was); null when userErrors say why not.',
  })
  extensionAttribute!: ExtensionAttributeObject | null;

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}
