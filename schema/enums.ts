/** Enumerations shared by several schema concepts, named as Macie and AWS name them. */
import { registerEnumType } from "type-graphql";

export enum Severity {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}
registerEnumType(Severity, { name: "Severity", description: "Finding severity, as Macie rates it." });

export enum Category {
  CREDENTIALS = "CREDENTIALS",
  FINANCIAL = "FINANCIAL",
  PERSONAL = "PERSONAL",
  CUSTOM_IDENTIFIER = "CUSTOM_IDENTIFIER",
}
registerEnumType(Category, { name: "Category", description: "Sensitive-data category of a finding or detection." });

export enum EffectivePublicAccess {
  PUBLIC = "PUBLIC",
  NOT_PUBLIC = "NOT_PUBLIC",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(EffectivePublicAccess, {
  name: "EffectivePublicAccess",
  description: "Whether anyone on the internet can read or write the bucket once all settings are combined.",
});

export enum PrincipalKind {
  User = "User",
  Role = "Role",
  Group = "Group",
  AccountRoot = "AccountRoot",
  ExternalAccount = "ExternalAccount",
  Public = "Public",
  AuthenticatedUsers = "AuthenticatedUsers",
  Service = "Service",
  Federated = "Federated",
}
registerEnumType(PrincipalKind, { name: "PrincipalKind" });

export enum AccessLevel {
  READ = "READ",
  WRITE = "WRITE",
  LIST = "LIST",
  PERMISSIONS = "PERMISSIONS",
}
registerEnumType(AccessLevel, { name: "AccessLevel" });
