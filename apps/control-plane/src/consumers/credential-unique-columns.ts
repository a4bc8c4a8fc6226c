/** Credential columns unique per tenant (the table's unique indexes), and how a clash is told (without saying whose it is). */
export const UNIQUE_CREDENTIAL_COLUMNS: ReadonlyArray<readonly ['keyHash' | 'username' | 'jwtKey' | 'fingerprint' | 'subject', string]> = [
  ['keyHash', 'this key is already in use'],
  ['username', 'this basic-auth username is already in use'],
  ['jwtKey', 'this jwt key is already in use'],
  ['fingerprint', 'a credential with this fingerprint already exists'],
  ['subject', 'a credential with this subject already exists'],
];
