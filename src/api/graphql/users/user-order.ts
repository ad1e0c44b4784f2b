import type { UserOrder as UserServiceOrder } from '../../../domain/directory/users/user.service';
import { OrderDirection } from '../types/connection';
import type { UserOrder } from './user.types';

/** A GraphQL `orderBy` as the user service takes it. */
export function toUserOrder(order: UserOrder | null | undefined): UserServiceOrder | undefined {
  return order
    ? {
        field: order.field,
        descending: order.direction === OrderDirection.DESC,
        extensionAttribute: order.extensionAttribute,
      }
    : undefined;
}
