// The sandbox host as a Dataverse client sees it: a DynamicsWebApi per signed-in demo user, tokens from POST /token.
import { DynamicsWebApi } from "dynamics-web-api";

export const baseUrl = process.env.SPM_SANDBOX_URL ?? (() => {
  throw new Error("SPM_SANDBOX_URL is not set: run the tests with `npm test` (it starts the host) or point it at a host.");
})();

export const olivia = "olivia.carter@northwindcloud.example";
export const aisha = "aisha.thompson@northwindcloud.example";
export const admin = "sam.rivera@northwindcloud.example";

/** A token for the user who signs in as `domainName`, from the host's token endpoint. */
export async function token(domainName) {
  const response = await fetch(new URL("token", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: domainName }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`POST /token for ${domainName}: ${response.status} ${JSON.stringify(body)}`);
  }

  return body.access_token;
}

/** The client a Node.js app would make: serverUrl and an onTokenRefresh callback; errors propagate (no legacy false). */
export function clientFor(domainName) {
  return new DynamicsWebApi({
    serverUrl: baseUrl,
    dataApi: { version: "9.2" },
    onTokenRefresh: () => token(domainName),
    propagateErrors: true,
  });
}

/** The signed-in user's systemuserid, as WhoAmI gives it. */
export async function whoAmI(api) {
  return (await api.callFunction("WhoAmI")).UserId;
}

/** A user's id by sign-in name (read as the admin). */
export async function userId(domainName) {
  const users = await clientFor(admin).retrieveMultiple({
    collection: "systemusers",
    select: ["systemuserid"],
    filter: `domainname eq '${domainName}'`,
  });
  return users.value[0].systemuserid;
}

/** The id of a currency by ISO code. */
export async function currencyId(api, isoCode) {
  const currencies = await api.retrieveMultiple({
    collection: "transactioncurrencies",
    select: ["transactioncurrencyid"],
    filter: `isocurrencycode eq '${isoCode}'`,
  });
  return currencies.value[0].transactioncurrencyid;
}

/** The signed-in rep's FY2026-Q1 statement. */
export async function q1Statement(api) {
  const periods = await api.retrieveMultiple({ collection: "spm_periods", select: ["spm_periodid"], filter: "spm_name eq 'FY2026-Q1'" });
  const statements = await api.retrieveMultiple({
    collection: "spm_statements",
    select: ["spm_name", "spm_credited", "spm_quota", "spm_attainmentpercent", "spm_totalpayable"],
    filter: `_spm_periodid_value eq ${periods.value[0].spm_periodid}`,
  });
  return statements.value;
}

/** Rejects unless `promise` fails with the HTTP status; resolves with the error. */
export async function failsWith(promise, status) {
  try {
    await promise;
  } catch (error) {
    if (error.status === status) {
      return error;
    }

    throw new Error(`expected HTTP ${status}, got ${error.status}: ${error.message}`, { cause: error });
  }

  throw new Error(`expected HTTP ${status}, but the request succeeded`);
}
