const config = JSON.parse("{not json");

export default async function () {
  console.log(config);
}
