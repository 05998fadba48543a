import http from "k6/http";

export const options = { iterations: 3 };

// The runner cannot block a VU: even when the script catches the refusal, the run stops (107).
export default async function () {
  try {
    http.get(`${__ENV.BASE}/ok`);
  } catch {
    // swallowed on purpose
  }
}

export function teardown() {
  console.log("teardown ran");
}
