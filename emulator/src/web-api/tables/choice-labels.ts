/** Display labels of the choice (option set) and yes/no columns the emulator formats. */
type Labels = Readonly<Record<string, string>>;

const STATE: Readonly<Record<string, Labels>> = {
  email: { 0: "Open", 1: "Completed", 2: "Canceled" },
  lead: { 0: "Open", 1: "Qualified", 2: "Disqualified" },
  opportunity: { 0: "Open", 1: "Won", 2: "Lost" },
  default: { 0: "Active", 1: "Inactive" },
};

const STATUS: Readonly<Record<string, Labels>> = {
  email: { 1: "Draft", 2: "Completed", 3: "Sent", 4: "Received", 5: "Canceled", 6: "Pending Send", 7: "Sending", 8: "Failed" },
  lead: { 1: "New", 2: "Contacted", 3: "Qualified", 4: "Lost", 5: "Cannot Contact", 6: "No Longer Interested", 7: "Canceled" },
  opportunity: { 1: "In Progress", 2: "On Hold", 3: "Won", 4: "Canceled", 5: "Out-Sold" },
  default: { 1: "Active", 2: "Inactive" },
};

const COLUMN_LABELS: Readonly<Record<string, Labels>> = {
  prioritycode: { 0: "Low", 1: "Normal", 2: "High" },
  directioncode: { true: "Outgoing", false: "Incoming" },
  participationtypemask: {
    1: "Sender", 2: "To Recipient", 3: "CC Recipient", 4: "BCC Recipient", 5: "Required attendee", 6: "Optional attendee",
    7: "Organizer", 8: "Regarding", 9: "Owner", 10: "Resource", 11: "Customer", 12: "Chat Participant", 13: "Related",
  },
  correlationmethod: { 0: "None", 1: "Skipped", 2: "XHeader", 3: "InReplyTo", 4: "TrackingToken", 5: "ConversationIndex", 6: "SmartMatching", 7: "CustomCorrelation" },
  incomingemailfilteringmethod: {
    0: "All email messages", 1: "Email messages in response to Dynamics 365 email", 2: "Email messages from Dynamics 365 Leads, Contacts and Accounts",
    3: "Email messages from Dynamics 365 records that are email enabled", 4: "No email messages",
  },
  isdisabled: { true: "Disabled", false: "Enabled" },
};

/** The label of a choice or yes/no value of a column of a table, or undefined when it is not one we format. */
export function choiceLabel(logicalName: string, column: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const key = String(value);
  if (column === "statecode") return (STATE[logicalName] ?? STATE.default)?.[key];
  if (column === "statuscode") return (STATUS[logicalName] ?? STATUS.default)?.[key];
  return COLUMN_LABELS[column]?.[key];
}

/** The status that goes with a state when a client sets only `statecode` (Dataverse's default status). */
export function defaultStatusFor(logicalName: string, state: number): number | undefined {
  if (logicalName === "email") return ({ 0: 1, 1: 2, 2: 5 } as Record<number, number>)[state];
  if (logicalName === "opportunity") return ({ 0: 1, 1: 3, 2: 4 } as Record<number, number>)[state];
  if (logicalName === "lead") return ({ 0: 1, 1: 3, 2: 4 } as Record<number, number>)[state];
  return ({ 0: 1, 1: 2 } as Record<number, number>)[state];
}

/** The statuses valid for each state of a table (email follows the documented table; others are lenient). */
export function validStatuses(logicalName: string, state: number): readonly number[] | undefined {
  if (logicalName === "email") return ({ 0: [1, 8], 1: [2, 3, 4, 6, 7], 2: [5] } as Record<number, number[]>)[state];
  if (logicalName === "lead") return ({ 0: [1, 2], 1: [3], 2: [4, 5, 6, 7] } as Record<number, number[]>)[state];
  if (logicalName === "opportunity") return ({ 0: [1, 2], 1: [3], 2: [4, 5] } as Record<number, number[]>)[state];
  return ({ 0: [1], 1: [2] } as Record<number, number[]>)[state];
}
