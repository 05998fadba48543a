export const options = { scenarios: { main: { executor: "constant-vus", vus: 1, duration: "-1s" } } };

export default async function () {}
