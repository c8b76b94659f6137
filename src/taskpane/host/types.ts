import type { MailboxPort, SettingsStore } from "../../core/ports";

/** A message of the current selection, as the task pane lists it. */
export interface SelectedMessage {
  itemId: string;
  subject: string;
  /** A draft being written cannot be tracked until it is sent. */
  mode: "read" | "compose";
}

/** The colour scheme the pane follows: Office's theme when the host has one, else the system's. */
export type HostTheme = "light" | "dark";

/** The mailbox as the task pane sees it: the service layer's port plus what tells it which items to act on. */
export interface TaskpaneMailbox extends MailboxPort {
  /** Returns the id of the message open in read mode, or undefined (none, a draft, an appointment). */
  currentItemId(): string | undefined;
  /** Returns true when the open item is a message being written (a draft in a compose form). */
  isComposing(): boolean;
  /** Returns the selected messages (the open one alone without multi-select). Throws AppError `office`. */
  selectedMessages(): Promise<SelectedMessage[]>;
}

/**
 * Everything the task pane needs from the host it runs in (Outlook through src/office, or a plain
 * browser), so that no pane code touches Office.js and tests hand it a fake.
 */
export interface TaskpaneHost {
  /** `outlook` in Outlook and the simulator; `browser` when Office.js is absent (development page). */
  readonly kind: "outlook" | "browser";
  /** Office's display language (BCP 47), else the browser's. */
  readonly displayLanguage: string;
  /** Whether the host can act on several selected messages (Mailbox 1.13). */
  readonly multiSelect: boolean;
  /** Whether the host offers nested app authentication (NestedAppAuth 1.1). */
  readonly nestedAppAuth: boolean;
  readonly settingsStore: SettingsStore;
  readonly mailbox: TaskpaneMailbox;
  /** Returns the current theme. Never throws. */
  theme(): HostTheme;
  /** Calls the listener when the theme changes; returns the unsubscribe function. Never throws. */
  onThemeChanged(listener: () => void): () => void;
  /** Calls the listener when the open message or the selection changes (ItemChanged, SelectedItemsChanged); returns the unsubscribe function. Never throws. */
  onSelectionChanged(listener: () => void): () => void;
  /** Returns the mailbox user's address, offered to the sign-in page as a hint (never logged), or undefined. */
  loginHint(): string | undefined;
  /** Opens a same-origin page in an Office dialog and returns the first message it sends; absent outside Outlook. Throws AppError `cancelled` when closed. */
  openDialog?: (url: string) => Promise<string>;
}
