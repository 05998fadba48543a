export const options = { iterations: 2, stages: [{ duration: "1s", target: 1 }] };

export default async function () {}
