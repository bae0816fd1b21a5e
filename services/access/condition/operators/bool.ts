/** Bool compares "true"/"false" case-insensitively; BinaryEquals compares base64 text exactly. */
export const Bool = (value: string, policyValue: string): boolean => value.toLowerCase() === policyValue.toLowerCase();

export const BinaryEquals = (value: string, policyValue: string): boolean => value === policyValue;
