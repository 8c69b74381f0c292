/**
 * The header a mesh peer proves itself with (the runtime's mesh-trust.ts), spelled out here:
 * system tests are independent clients and do not import the services' code.
 */
export const meshTokenHeader = "x-switchyard-mesh-token";
