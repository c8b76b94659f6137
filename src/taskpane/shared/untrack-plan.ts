import type { UntrackPlan } from "../../core/session";
import type { MessageKey } from "../../i18n";

/** Returns the key of the sentence that says, before anything happens, what untracking will do to the org's copy; never throws. */
export function untrackPlanKey(plan: UntrackPlan): MessageKey {
  switch (plan.action) {
    case "delete":
      return "message.untrack.plan.delete";
    case "unlinkOnly":
      return "message.untrack.plan.unlinkOnly";
    case "unmarkOnly":
      return plan.reason === "noVisibleCopy" ? "message.untrack.plan.noVisibleCopy" : "message.untrack.plan.alreadyDeleted";
  }
}
