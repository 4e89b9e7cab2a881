"""The readers' site: the index of published verdicts, claimant and topic pages, corrections,
methodology, feeds and sitemap. Everything here reads the copies pinned at publication."""
