import { AppError } from "../errors";
import type { SettingsRepository } from "../settings/repository";
import type { SettingsDocument } from "../settings/types";
import { defaultFriendlyName } from "./friendly-name";
import { parseOrgUrl } from "./org-url";
import type { Org, OrgAddress, OrgList } from "./types";

/** What is known of an org once connected (WhoAmI and the org's own record). */
export interface OrgDetailsInput {
  friendlyName: string;
  version?: string;
  userId?: string;
  organizationId?: string;
}

/** Asks "Change your synchronizing or primary organization?"; resolves true for OK, false for Cancel. */
export type ConfirmSynchronizingChange = (from: Org, to: Org) => Promise<boolean>;

/**
 * Asks which org becomes the synchronizing org when it is removed: an org key among the
 * candidates, `undefined` for no preference (the first candidate then takes over), or "cancel"
 * to keep everything as it is.
 */
export type ChooseSuccessor = (candidates: readonly Org[]) => Promise<string | undefined | "cancel">;

const MAX_FRIENDLY_NAME = 200;

/**
 * The person's organizations: several connected orgs, exactly one of them synchronizing while
 * any exists. Every change is saved through the settings repository before it is visible.
 * Removing an org also drops the requests queued for it (they could never be replayed).
 */
export class OrgRegistry {
  constructor(private readonly settings: SettingsRepository) {}

  /** The orgs in the order they were added, and the synchronizing org's key. Never throws. */
  list(): OrgList {
    return listOf(this.settings.current());
  }

  /** The org with this key, or undefined. Never throws. */
  get(key: string): Org | undefined {
    return this.settings.current().orgs.find((org) => org.key === key);
  }

  /** The synchronizing org, or undefined when there is no org. Never throws. */
  synchronizing(): Org | undefined {
    const { orgs, synchronizingKey } = this.settings.current();
    return orgs.find((org) => org.key === synchronizingKey);
  }

  /**
   * Adds an org, or refreshes its details when an org with the same key is already listed (the
   * same org added twice is one org); the first org becomes the synchronizing org. Returns the
   * saved org. Throws AppError `invalidInput` (`orgs.invalidAddress`) for an address that its URL
   * does not give, and what saving the settings throws.
   */
  async add(address: OrgAddress, details: OrgDetailsInput): Promise<Org> {
    const checked = checkAddress(address);
    const saved = await this.settings.update((current) => {
      const existing = current.orgs.find((org) => org.key === checked.key);
      const org = existing ? refresh(existing, details) : create(checked, details);
      const orgs = existing ? current.orgs.map((known) => (known === existing ? org : known)) : [...current.orgs, org];
      return { ...current, orgs, synchronizingKey: current.synchronizingKey ?? org.key };
    });
    return found(saved, checked.key);
  }

  /**
   * Makes another org the synchronizing org after `confirm` says OK; resolves false (and changes
   * nothing) when it says Cancel, true when the org is (or already was) synchronizing. Throws
   * AppError `notFound` for an unknown key, and what `confirm` or saving throws.
   */
  async setSynchronizing(key: string, confirm: ConfirmSynchronizingChange): Promise<boolean> {
    const to = this.require(key);
    const from = this.synchronizing();
    if (from?.key === key) return true;
    if (from && !(await confirm(from, to))) return false;
    await this.settings.update((current) => {
      found(current, key);
      return current.synchronizingKey === key ? current : { ...current, synchronizingKey: key };
    });
    return true;
  }

  /**
   * Removes an org. Removing the synchronizing org first asks `chooseSuccessor` which of the
   * others takes over (not asked when it is the last org: then there is none). Resolves false when
   * the person cancelled (nothing changes), true once removed. Throws AppError `notFound` for an
   * unknown key, `invalidInput` (`orgs.unknownSuccessor`) when the answer is not a candidate, and
   * what saving throws.
   */
  async remove(key: string, chooseSuccessor: ChooseSuccessor): Promise<boolean> {
    this.require(key);
    let successor: string | undefined;
    if (this.list().synchronizingKey === key) {
      const candidates = this.list().orgs.filter((org) => org.key !== key);
      if (candidates.length > 0) {
        const answer = await chooseSuccessor(candidates);
        if (answer === "cancel") return false;
        successor = answer ?? candidates[0]?.key;
        if (!candidates.some((org) => org.key === successor)) {
          throw new AppError("invalidInput", "The organization chosen to take over synchronizing is not one of the remaining organizations.", {
            messageKey: "orgs.unknownSuccessor",
          });
        }
      }
    }
    await this.settings.update((current) => {
      if (!current.orgs.some((org) => org.key === key)) return current;
      const orgs = current.orgs.filter((org) => org.key !== key);
      const queue = current.queue.filter((request) => request.orgKey !== key);
      const keepsSynchronizing = current.synchronizingKey !== key && orgs.some((org) => org.key === current.synchronizingKey);
      const next = keepsSynchronizing ? current.synchronizingKey : (orgs.find((org) => org.key === successor) ?? orgs[0])?.key;
      const { synchronizingKey: _removed, ...rest } = current;
      return { ...rest, orgs, queue, ...(next === undefined ? {} : { synchronizingKey: next }) };
    });
    return true;
  }

  /** Calls the listener with the org list whenever the orgs or the synchronizing org change; returns the unsubscribe function. */
  onChange(listener: (list: OrgList) => void): () => void {
    let last = JSON.stringify(this.list());
    return this.settings.subscribe((settings) => {
      const list = listOf(settings);
      const text = JSON.stringify(list);
      if (text === last) return;
      last = text;
      listener(list);
    });
  }

  private require(key: string): Org {
    return found(this.settings.current(), key);
  }
}

function listOf(settings: SettingsDocument): OrgList {
  return { orgs: settings.orgs, synchronizingKey: settings.synchronizingKey };
}

function found(settings: SettingsDocument, key: string): Org {
  const org = settings.orgs.find((known) => known.key === key);
  if (!org) throw new AppError("notFound", "This organization is not in the list (it may have been removed meanwhile).", { messageKey: "orgs.notFound" });
  return org;
}

/** The address as its URL gives it: an address built by hand cannot smuggle another key, Web API URL or token resource. */
function checkAddress(address: OrgAddress): OrgAddress {
  const checked = parseOrgUrl(address.url);
  const same = (Object.keys(checked) as (keyof OrgAddress)[]).every((field) => checked[field] === address[field]);
  if (!same) {
    throw new AppError("invalidInput", "This organization address is not consistent with its URL.", { messageKey: "orgs.invalidAddress" });
  }
  return checked;
}

function create(address: OrgAddress, details: OrgDetailsInput): Org {
  return withDetails({ ...address, friendlyName: defaultFriendlyName(address) }, details);
}

function refresh(existing: Org, details: OrgDetailsInput): Org {
  return withDetails(existing, details);
}

function withDetails(org: Org, details: OrgDetailsInput): Org {
  const name = details.friendlyName.trim().slice(0, MAX_FRIENDLY_NAME);
  return {
    ...org,
    ...(name === "" ? {} : { friendlyName: name }),
    ...(details.version === undefined ? {} : { version: details.version }),
    ...(details.userId === undefined ? {} : { userId: details.userId }),
    ...(details.organizationId === undefined ? {} : { organizationId: details.organizationId }),
  };
}
