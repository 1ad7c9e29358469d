"""Link: where pages live, links between them, mention linking and contributors' Markdown made safe."""
