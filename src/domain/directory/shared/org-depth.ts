/** How deep an org-chart question may reach; a deeper tree than this is not an org chart. */
export const MAX_ORG_DEPTH = 50;
