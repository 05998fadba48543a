export const options = { scenarios: { main: { executor: "shared-iterations", exec: "notExported" } } };

export default async function () {}
