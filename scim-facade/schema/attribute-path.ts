/** `[URI ":"] attribute ["." subAttribute]`, e.g. `name.givenName` or `urn:…:User:manager.value`. */
export interface AttrPath {
  uri?: string;
  attribute: string;
  subAttribute?: string;
}
