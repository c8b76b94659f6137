/** CheckIncomingEmail / CheckPromoteEmail reason codes (spec §3.4; the SDK's EmailReasonCode values). */
export const ReasonCode = {
  Unknown: -1,
  Duplicate: 0,
  NoCorrelationMatch: 1,
  CorrelationMatch: 2,
  NoRecipientMatch: 3,
  InternalEmailReject: 4,
  SenderMatch: 5,
  AcceptAll: 6,
  InvalidSender: 7,
} as const;

export type ReasonCodeValue = (typeof ReasonCode)[keyof typeof ReasonCode];

/** `email.correlationmethod` values (spec §3.2). */
export const CorrelationMethod = {
  None: 0,
  Skipped: 1,
  XHeader: 2,
  InReplyTo: 3,
  TrackingToken: 4,
  ConversationIndex: 5,
  SmartMatching: 6,
  CustomCorrelation: 7,
} as const;

export type CorrelationMethodValue = (typeof CorrelationMethod)[keyof typeof CorrelationMethod];

/** `usersettings.incomingemailfilteringmethod` values (spec §3.11). */
export const FilteringMethod = {
  AllEmail: 0,
  InResponseToCrmEmail: 1,
  FromLeadsContactsAccounts: 2,
  FromEmailEnabledRecords: 3,
  NoEmail: 4,
} as const;

/** `activityparty.participationtypemask` values used by email (spec §3.3). */
export const ParticipationType = {
  Sender: 1,
  ToRecipient: 2,
  CcRecipient: 3,
  BccRecipient: 4,
} as const;

export type ParticipationTypeValue = (typeof ParticipationType)[keyof typeof ParticipationType];
