import { SCIM_LIST_RESPONSE } from '../schema/urns';

/** A SCIM ListResponse (RFC 7644 §3.4.2): one page of resources out of `totalResults`. */
export function listResponse(resources: unknown[], totalResults = resources.length, startIndex = 1) {
  return {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}
