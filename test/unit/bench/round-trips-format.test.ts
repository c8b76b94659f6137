import { describeRequest, formatRoundTrips, summarizeRequests, withinBudget, type RoundTrips } from "../../../bench/round-trips.bench";

test("a request is named by its method and the last part of its path, without keys, parameters or namespace", () => {
  const api = "https://localhost:41234/contoso/api/data/v9.2/";
  expect(describeRequest({ method: "GET", url: `${api}CheckIncomingEmail(MessageId=@p1)?@p1='x'` })).toBe("GET CheckIncomingEmail");
  expect(describeRequest({ method: "POST", url: `${api}emails/Microsoft.Dynamics.CRM.DeliverIncomingEmail` })).toBe("POST DeliverIncomingEmail");
  expect(describeRequest({ method: "DELETE", url: `${api}emails(0b7c2f4e-0000-0000-0000-000000000001)` })).toBe("DELETE emails");
  expect(summarizeRequests(["POST $batch", "GET WhoAmI", "POST $batch"])).toBe("2× POST $batch, GET WhoAmI");
});

test("within budget: no more requests than budgeted, and only the kind allowed when one is set", () => {
  const bulk: RoundTrips = { operation: "bulk", requests: 2, budget: 2, what: ["POST $batch", "POST $batch"], only: "POST $batch" };
  expect(withinBudget(bulk)).toBe(true);
  expect(withinBudget({ ...bulk, what: ["POST $batch", "GET CheckIncomingEmail"] })).toBe(false);
  expect(withinBudget({ ...bulk, requests: 3, what: [...bulk.what, "POST $batch"] })).toBe(false);
  const lines = formatRoundTrips([bulk, { operation: "track one", requests: 3, budget: 2, what: ["GET A", "GET A", "POST B"] }]);
  expect(lines[1]).toMatch(/^bulk\s+2\s+2 POST \$batch {2}within budget {2}\(2× POST \$batch\)$/);
  expect(lines[2]).toMatch(/^track one\s+3\s+2 {2}OVER BUDGET {2}\(2× GET A, POST B\)$/);
});
