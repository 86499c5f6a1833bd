"""Renderers: pure functions from records (Document, Paragraph, Answer) to text, Markdown, JSON, Slack blocks."""
