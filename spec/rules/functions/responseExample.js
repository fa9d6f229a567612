// @ts-check

/**
 * A response has a body, and every media type of it carries an `example` or
 * at least one entry in `examples`. Runs on the resolved response object.
 * @param {any} response
 */
export default function responseExample(response) {
  const content = response?.content;
  if (!content || Object.keys(content).length === 0) {
    return [
      { message: 'Response has no body to give an example of; every response is enveloped.' },
    ];
  }

  const results = [];
  for (const [mediaType, media] of Object.entries(content)) {
    const hasExample =
      media?.example !== undefined || Object.keys(media?.examples ?? {}).length > 0;
    if (!hasExample) {
      results.push({
        message: `Response body (${mediaType}) has no example.`,
        path: ['content', mediaType],
      });
    }
  }
  return results;
}
