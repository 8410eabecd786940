// dynamics-web-api 2.5 against the sandbox host: what a Node.js integration written for Dataverse does, unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DynamicsWebApi } from "dynamics-web-api";
import { admin, aisha, baseUrl, clientFor, currencyId, failsWith, olivia, q1Statement, token, userId, whoAmI } from "../lib/sandbox.mjs";

const formatted = "OData.Community.Display.V1.FormattedValue";

/** An open USD deal of the signed-in rep, as they would enter it. */
async function newDeal(api, name, estimatedValue) {
  const usd = await currencyId(api, "USD");
  return api.create({
    collection: "opportunities",
    data: {
      name,
      estimatedvalue: estimatedValue,
      estimatedclosedate: "2026-03-31",
      closeprobability: 40,
      "transactioncurrencyid@odata.bind": `/transactioncurrencies(${usd})`,
    },
  });
}

test("signs in through onTokenRefresh: WhoAmI names the rep whose token it is", async () => {
  const api = clientFor(olivia);

  assert.equal(await whoAmI(api), await userId(olivia));
});

test("create returns the new row's id and retrieve reads it back with the rep as owner and formatted values", async () => {
  const api = clientFor(olivia);

  const id = await newDeal(api, "Contoso Pharma – Analytics Suite expansion", 48250.5);
  const deal = await api.retrieve({
    collection: "opportunities",
    key: id,
    select: ["name", "estimatedvalue", "closeprobability", "_ownerid_value"],
    includeAnnotations: formatted,
  });

  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(deal.name, "Contoso Pharma – Analytics Suite expansion");
  assert.equal(deal.estimatedvalue, 48250.5);
  assert.equal(deal.closeprobability, 40);
  assert.equal(deal._ownerid_value, await userId(olivia));
  assert.equal(deal[`_ownerid_value@${formatted}`], "Olivia Carter");
  assert.match(deal["@odata.etag"], /^W\/"\d+"$/);
});

test("a query pages by maxPageSize and its nextLink leads to every row once", async () => {
  const api = clientFor(olivia);
  const request = { collection: "spm_plantiers", select: ["spm_name", "spm_frompercent"], orderBy: ["spm_name", "spm_frompercent"], maxPageSize: 5 };

  const pages = [];
  let page = await api.retrieveMultiple(request);
  pages.push(page.value.length);
  const names = page.value.map((t) => t.spm_plantierid);
  while (page.oDataNextLink) {
    page = await api.retrieveMultiple(request, page.oDataNextLink);
    pages.push(page.value.length);
    names.push(...page.value.map((t) => t.spm_plantierid));
  }

  const all = await api.retrieveAll({ collection: "spm_plantiers", select: ["spm_name"] });
  // 13 tiers: 4 in each AE plan, 2 in each leadership plan, 1 flat overlay rate.
  assert.deepEqual(pages, [5, 5, 3]);
  assert.equal(new Set(names).size, 13);
  assert.equal(all.value.length, 13);
});

test("update with the row's ETag succeeds; a stale ETag is refused with 412 and changes nothing", async () => {
  const api = clientFor(olivia);
  const id = await newDeal(api, "Fabrikam Logistics – Security Add-on", 36000);
  const { "@odata.etag": etag } = await api.retrieve({ collection: "opportunities", key: id, select: ["closeprobability"] });

  await api.update({ collection: "opportunities", key: id, data: { closeprobability: 60 }, ifmatch: etag });
  const stale = await failsWith(api.update({ collection: "opportunities", key: id, data: { closeprobability: 90 }, ifmatch: etag }), 412);
  const after = await api.retrieve({ collection: "opportunities", key: id, select: ["closeprobability"] });

  assert.equal(after.closeprobability, 60);
  assert.notEqual(after["@odata.etag"], etag);
  assert.match(stale.message, /version|changed|match/i);
});

test("delete removes the row: retrieving it again is a 404", async () => {
  const api = clientFor(olivia);
  const id = await newDeal(api, "Tailspin Toys – Data Migration", 12500);

  await api.deleteRecord({ collection: "opportunities", key: id });

  await failsWith(api.retrieve({ collection: "opportunities", key: id, select: ["name"] }), 404);
});

test("WinOpportunity through callAction runs the plug-ins: the rep's Q1 statement is credited the deal and re-derives attainment", async () => {
  const api = clientFor(olivia);
  const [before] = await q1Statement(api);
  const id = await newDeal(api, "Woodgrove Bank – Enterprise License", 50000);

  await api.callAction({
    actionName: "WinOpportunity",
    action: {
      Status: 3,
      OpportunityClose: {
        subject: "Won: Woodgrove Bank – Enterprise License",
        actualrevenue: 50000,
        actualend: "2026-03-20",
        "opportunityid@odata.bind": `/opportunities(${id})`,
      },
    },
  });
  const [after] = await q1Statement(api);
  const won = await api.retrieve({ collection: "opportunities", key: id, select: ["statecode", "actualvalue"] });

  assert.equal(won.statecode, 1);
  assert.equal(won.actualvalue, 50000);
  assert.equal(after.spm_name, "Olivia Carter – FY2026-Q1");
  assert.equal(before.spm_credited, 434420);
  assert.equal(after.spm_credited, 484420);
  assert.equal(after.spm_quota, 325000);
  assert.equal(after.spm_attainmentpercent, 149.05);
  assert.ok(after.spm_totalpayable > before.spm_totalpayable, `payable ${after.spm_totalpayable} after ${before.spm_totalpayable}`);
});

test("the custom API spm_EstimateCommission answers a what-if and writes nothing", async () => {
  const api = clientFor(aisha);
  const [before] = await q1Statement(api);

  // dynamics-web-api quotes every string and JSON-encodes a Date, and a DateTime parameter must go unquoted, so the
  // call is spelt out here as any OData client sends it: parameter aliases in the query string.
  const url = new URL("api/data/v9.2/spm_EstimateCommission(Amount=@amount,CloseDate=@closeDate)", baseUrl);
  url.searchParams.set("@amount", "25000");
  url.searchParams.set("@closeDate", "2026-03-25T00:00:00Z");
  const response = await fetch(url, { headers: { Authorization: `Bearer ${await token(aisha)}`, Accept: "application/json" } });
  const estimate = await response.json();
  const [after] = await q1Statement(api);

  assert.equal(response.status, 200, JSON.stringify(estimate));
  // $337,600 of $300,000 (112.53%) plus $25,000 = 120.87%, the whole deal in the 8% accelerator tier.
  assert.equal(estimate.CurrentAttainment, 112.53);
  assert.equal(estimate.CurrentEarnings, before.spm_totalpayable);
  assert.equal(estimate.ProjectedAttainment, 120.87);
  assert.equal(estimate.AdditionalEarnings, 2000);
  assert.deepEqual(after, before);
});

test("a Date function parameter as dynamics-web-api sends it (JSON-quoted) is refused with Dataverse's own syntax error", async () => {
  const api = clientFor(aisha);

  const refused = await failsWith(api.callFunction({ name: "spm_EstimateCommission", parameters: { Amount: 25000, CloseDate: new Date("2026-03-25T00:00:00Z") } }), 400);

  assert.equal(refused.code, "0x80060888");
  assert.equal(refused.message, `Syntax error: character '"' is not valid at position 0 in '"2026-03-25T00:00:00.000Z"'.`);
});

test("a batch's change set commits as one: both rows are created and their ids come back in order", async () => {
  const api = clientFor(olivia);
  const usd = await currencyId(api, "USD");

  api.startBatch();
  for (const name of ["Litware – Platform Subscription (batch 1)", "Litware – Integration Services (batch 2)"]) {
    api.create({ collection: "opportunities", data: { name, estimatedvalue: 20000, "transactioncurrencyid@odata.bind": `/transactioncurrencies(${usd})` } });
  }
  const ids = await api.executeBatch();
  const names = await Promise.all(ids.map((id) => api.retrieve({ collection: "opportunities", key: id, select: ["name"] })));

  assert.equal(ids.length, 2);
  assert.deepEqual(names.map((n) => n.name), ["Litware – Platform Subscription (batch 1)", "Litware – Integration Services (batch 2)"]);
});

test("a batch whose second change fails rolls the first back: nothing is stored", async () => {
  const api = clientFor(olivia);
  const usd = await currencyId(api, "USD");

  api.startBatch();
  api.create({ collection: "opportunities", data: { name: "Proseware (rolled back with its batch)", estimatedvalue: 15000, "transactioncurrencyid@odata.bind": `/transactioncurrencies(${usd})` } });
  api.create({ collection: "opportunities", data: { name: "Proseware (unknown currency)", "transactioncurrencyid@odata.bind": "/transactioncurrencies(00000000-0000-0000-0000-00000000e404)" } });
  await assert.rejects(api.executeBatch());
  const stored = await api.retrieveMultiple({ collection: "opportunities", select: ["name"], filter: "startswith(name,'Proseware (')" });

  assert.deepEqual(stored.value, []);
});

test("a rep reads only their own statements, however they ask", async () => {
  const api = clientFor(aisha);
  const oliviaId = await userId(olivia);

  const olivias = await api.retrieveMultiple({ collection: "spm_statements", select: ["spm_name"], filter: `_spm_participantid_value eq ${oliviaId}` });
  const own = await api.retrieveAll({ collection: "spm_statements", select: ["spm_name"] });

  assert.deepEqual(olivias.value, []);
  assert.deepEqual(own.value.map((s) => s.spm_name).sort(), ["Aisha Thompson – FY2026-Q1", "Aisha Thompson – FY2026-Q2", "Aisha Thompson – FY2026-Q3", "Aisha Thompson – FY2026-Q4"]);
});

test("a manager reads the statements of their reporting line and nobody else's", async () => {
  const api = clientFor("marcus.bennett@northwindcloud.example");
  const periods = await api.retrieveMultiple({ collection: "spm_periods", select: ["spm_periodid"], filter: "spm_name eq 'FY2026-Q1'" });

  const statements = await api.retrieveAll({ collection: "spm_statements", select: ["spm_name"], filter: `_spm_periodid_value eq ${periods.value[0].spm_periodid}` });

  // The VP Americas: his own and those of the ten reps of Enterprise East and West, not EMEA's, the overlay's or the CRO's.
  assert.deepEqual(statements.value.map((s) => s.spm_name.replace(" – FY2026-Q1", "")).sort(), [
    "Aisha Thompson", "Daniel Kim", "Ethan Morales", "Grace Nakamura", "Hannah Lee", "James Whitaker", "Marcus Bennett",
    "Noah Patel", "Olivia Carter", "Rachel Goldberg", "Tyler Brooks",
  ]);
});

test("a forged token is refused with 401", async () => {
  const forged = new DynamicsWebApi({
    serverUrl: baseUrl,
    onTokenRefresh: async () => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJvaWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEifQ.c2lnbmF0dXJl",
    propagateErrors: true,
  });

  await failsWith(forged.retrieveMultiple({ collection: "spm_statements", select: ["spm_name"] }), 401);
});

test("the admin reads every participant's Q1 statement", async () => {
  const api = clientFor(admin);
  const periods = await api.retrieveMultiple({ collection: "spm_periods", select: ["spm_periodid"], filter: "spm_name eq 'FY2026-Q1'" });

  const statements = await api.retrieveAll({ collection: "spm_statements", select: ["spm_name"], filter: `_spm_periodid_value eq ${periods.value[0].spm_periodid}` });

  // 18 participants: 14 reps, the overlay specialist, two regional VPs and the CRO.
  assert.equal(statements.value.length, 18);
});
