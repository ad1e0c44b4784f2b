import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ExtensionAttributeRecord } from '../../../domain/directory/extensions/extension-attribute.record';
import { valueKey } from '../../../domain/directory/extensions/extension-attribute.record';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import {
  ExtensionAttributeCreateInput,
  ExtensionAttributeDeleteInput,
  ExtensionAttributeObject,
  ExtensionAttributePayload,
  ExtensionAttributeType,
  ExtensionAttributeUpdateInput,
} from './extension-attribute.types';

@Resolver(() => ExtensionAttributeObject)
export class ExtensionAttributeResolver {
  @Authorized('read')
  @Query(() => [ExtensionAttributeObject], {
    description: 'The extension attributes this tenant declared, by schema and name.',
  })
  async extensionAttributes(@Ctx() context: GraphQLContext): Promise<ExtensionAttributeObject[]> {
    return (await context.extensions.list()).map(toObject);
  }

  @Authorized('admin')
  @Mutation(() => ExtensionAttributePayload, {
    description:
      'Declares an extension attribute, so that what the identity provider sends for it is stored. Needs the admin scope.',
  })
  extensionAttributeCreate(
    @Arg('input', () => ExtensionAttributeCreateInput, { description: 'The attribute.' })
    input: ExtensionAttributeCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ExtensionAttributePayload>(
      context,
      async () => ({
        extensionAttribute: toObject(
          await context.extensions.create({
            schema: input.schema,
            name: input.name,
            type: input.type,
            description: input.description,
            caseExact: input.caseExact,
            isUnique: input.unique,
          }),
        ),
      }),
      { extensionAttribute: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => ExtensionAttributePayload, {
    description: "Changes an extension attribute's description, case-exactness or uniqueness. Needs the admin scope.",
  })
  extensionAttributeUpdate(
    @Arg('input', () => ExtensionAttributeUpdateInput, { description: 'The changes.' })
    input: ExtensionAttributeUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ExtensionAttributePayload>(
      context,
      async () => ({
        extensionAttribute: toObject(
          await context.extensions.update({
            schema: input.schema,
            name: input.name,
            description: input.description,
            caseExact: input.caseExact,
            isUnique: input.unique,
          }),
        ),
      }),
      { extensionAttribute: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => ExtensionAttributePayload, {
    description:
      'Deletes an extension attribute; refused while users have values of it, unless dropValues removes them. Needs the admin scope.',
  })
  extensionAttributeDelete(
    @Arg('input', () => ExtensionAttributeDeleteInput, { description: 'The attribute.' })
    input: ExtensionAttributeDeleteInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ExtensionAttributePayload>(
      context,
      async () => ({
        extensionAttribute: toObject(await context.extensions.delete(input, input.dropValues === true)),
      }),
      { extensionAttribute: null },
    );
  }
}

function toObject(record: ExtensionAttributeRecord): ExtensionAttributeObject {
  return {
    id: record.id,
    schema: record.schema,
    name: record.name,
    path: valueKey(record),
    type: record.type as ExtensionAttributeType,
    description: record.description,
    caseExact: record.caseExact,
    unique: record.isUnique,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
