export function setup() {
  throw new Error("the target is down: http://127.0.0.1:1 refused the connection");
}

export default async function () {}

export function teardown() {
  console.log("teardown ran");
}
