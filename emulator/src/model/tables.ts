import type { Column, TableDefinition } from "./types";

const s = (maxLength: number, extra: Partial<Column> = {}): Column => ({ type: "string", maxLength, ...extra });
const memo: Column = { type: "memo", maxLength: 1_048_576 };
const int: Column = { type: "int" };
const bool: Column = { type: "bool" };
const guid: Column = { type: "guid" };
const datetime: Column = { type: "datetime" };
const ro = (column: Column): Column => ({ ...column, readOnly: true });
const lookup = (...targets: string[]): Column => ({ type: "lookup", targets });

/** Columns every table carries (audit and ownership). */
const audit: Record<string, Column> = {
  createdon: ro(datetime),
  modifiedon: ro(datetime),
  createdby: { ...lookup("systemuser"), readOnly: true },
  modifiedby: { ...lookup("systemuser"), readOnly: true },
  versionnumber: ro({ type: "bigint" }),
};

const owned: Record<string, Column> = {
  ownerid: lookup("systemuser", "team"),
  owningbusinessunit: { ...lookup("businessunit"), readOnly: true },
  owninguser: { ...lookup("systemuser"), readOnly: true },
  statecode: int,
  statuscode: int,
};

const emailAddresses: Record<string, Column> = {
  emailaddress1: s(100),
  emailaddress2: s(100),
  emailaddress3: s(100),
};

export const REGARDING_TARGETS = ["account", "contact", "lead", "opportunity"] as const;

const tableList: TableDefinition[] = [
  {
    logicalName: "email",
    entitySet: "emails",
    primaryKey: "activityid",
    primaryName: "subject",
    ownership: "user",
    privilegeEntity: "Activity",
    objectTypeCode: 4202,
    writable: true,
    columns: {
      activityid: guid,
      subject: s(800),
      description: memo,
      messageid: s(320),
      inreplyto: ro(s(320)),
      conversationindex: s(2048),
      trackingtoken: s(50),
      directioncode: bool,
      sender: s(250),
      torecipients: s(500),
      submittedby: s(250),
      prioritycode: int,
      senton: datetime,
      actualend: datetime,
      scheduledend: datetime,
      correlationmethod: ro(int),
      activitytypecode: ro(s(64)),
      attachmentcount: ro(int),
      regardingobjectid: lookup(...REGARDING_TARGETS),
      emailsender: { ...lookup("systemuser", "contact", "account", "lead"), readOnly: true },
      ...owned,
      ...audit,
    },
    collectionNavigations: {
      email_activity_parties: { table: "activityparty", foreignKey: "activityid" },
    },
  },
  {
    logicalName: "activityparty",
    entitySet: "activityparties",
    primaryKey: "activitypartyid",
    primaryName: "addressused",
    ownership: "none",
    privilegeEntity: "Activity",
    objectTypeCode: 135,
    writable: false,
    columns: {
      activitypartyid: guid,
      activityid: lookup("email"),
      partyid: lookup("systemuser", "contact", "account", "lead"),
      participationtypemask: int,
      addressused: s(320),
      ispartydeleted: ro(bool),
    },
  },
  {
    logicalName: "contact",
    entitySet: "contacts",
    primaryKey: "contactid",
    primaryName: "fullname",
    ownership: "user",
    privilegeEntity: "Contact",
    objectTypeCode: 2,
    writable: true,
    columns: {
      contactid: guid,
      firstname: s(50),
      lastname: s(50),
      fullname: ro(s(160)),
      jobtitle: s(100),
      telephone1: s(50),
      parentcustomerid: lookup("account", "contact"),
      ...emailAddresses,
      ...owned,
      ...audit,
    },
  },
  {
    logicalName: "account",
    entitySet: "accounts",
    primaryKey: "accountid",
    primaryName: "name",
    ownership: "user",
    privilegeEntity: "Account",
    objectTypeCode: 1,
    writable: true,
    columns: {
      accountid: guid,
      name: s(160),
      accountnumber: s(20),
      telephone1: s(50),
      websiteurl: s(200),
      ...emailAddresses,
      ...owned,
      ...audit,
    },
  },
  {
    logicalName: "lead",
    entitySet: "leads",
    primaryKey: "leadid",
    primaryName: "fullname",
    ownership: "user",
    privilegeEntity: "Lead",
    objectTypeCode: 4,
    writable: true,
    columns: {
      leadid: guid,
      subject: s(300),
      firstname: s(50),
      lastname: s(50),
      fullname: ro(s(160)),
      companyname: s(100),
      ...emailAddresses,
      ...owned,
      ...audit,
    },
  },
  {
    logicalName: "opportunity",
    entitySet: "opportunities",
    primaryKey: "opportunityid",
    primaryName: "name",
    ownership: "user",
    privilegeEntity: "Opportunity",
    objectTypeCode: 3,
    writable: true,
    columns: {
      opportunityid: guid,
      name: s(300),
      estimatedvalue: { type: "decimal" },
      customerid: lookup("account", "contact"),
      parentcontactid: lookup("contact"),
      parentaccountid: lookup("account"),
      ...owned,
      ...audit,
    },
  },
  {
    logicalName: "systemuser",
    entitySet: "systemusers",
    primaryKey: "systemuserid",
    primaryName: "fullname",
    ownership: "organization",
    privilegeEntity: "User",
    objectTypeCode: 8,
    writable: false,
    columns: {
      systemuserid: guid,
      fullname: s(200),
      firstname: s(64),
      lastname: s(64),
      internalemailaddress: s(100),
      domainname: s(1024),
      azureactivedirectoryobjectid: guid,
      isdisabled: bool,
      businessunitid: lookup("businessunit"),
      ...audit,
    },
  },
  {
    logicalName: "businessunit",
    entitySet: "businessunits",
    primaryKey: "businessunitid",
    primaryName: "name",
    ownership: "organization",
    privilegeEntity: "BusinessUnit",
    objectTypeCode: 10,
    writable: false,
    columns: {
      businessunitid: guid,
      name: s(160),
      parentbusinessunitid: lookup("businessunit"),
      ...audit,
    },
  },
  {
    logicalName: "organization",
    entitySet: "organizations",
    primaryKey: "organizationid",
    primaryName: "name",
    ownership: "organization",
    privilegeEntity: "Organization",
    objectTypeCode: 1019,
    writable: false,
    columns: {
      organizationid: guid,
      name: s(160),
      friendlyname: s(160),
      uniquename: s(160),
      version: s(48),
      emailcorrelationenabled: bool,
      enablesmartmatching: bool,
      ignoreinternalemail: bool,
      unresolveemailaddressifmultiplematch: bool,
      trackingprefix: s(256),
      trackingtokenidbase: int,
      trackingtokeniddigits: int,
      maximumtrackingnumber: int,
      ...audit,
    },
  },
  {
    logicalName: "usersettings",
    entitySet: "usersettingscollection",
    primaryKey: "systemuserid",
    primaryName: "systemuserid",
    ownership: "organization",
    privilegeEntity: "UserSettings",
    objectTypeCode: 150,
    writable: true,
    columns: {
      systemuserid: guid,
      incomingemailfilteringmethod: int,
      outgoingemaildeliverymethod: int,
      uilanguageid: int,
      timezonecode: int,
      ...audit,
    },
  },
];

/** Every table the emulator serves, by logical name. */
export const TABLES: ReadonlyMap<string, TableDefinition> = new Map(tableList.map((t) => [t.logicalName, t]));

/** The same tables by entity set name (case-sensitive, as in Dataverse). */
export const TABLES_BY_SET: ReadonlyMap<string, TableDefinition> = new Map(tableList.map((t) => [t.entitySet, t]));

/** Returns the table with this logical name; throws when the name is not one of ours (a programming error). */
export function table(logicalName: string): TableDefinition {
  const found = TABLES.get(logicalName);
  if (!found) throw new Error(`Unknown table ${logicalName}`);
  return found;
}

/** The Web API property name of a lookup column (`ownerid` → `_ownerid_value`). */
export function lookupProperty(column: string): string {
  return `_${column}_value`;
}
