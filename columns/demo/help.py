"""Demo help resources (real services, with their published national numbers) and
the pages about the site.

Only services whose numbers are national, free and long established are listed;
check them against each service's own site before going live, as numbers change.
"""

# ruff: noqa: E501 (prose: one paragraph per line)

from columns.demo.spec import DemoHelpResource, DemoPage

ALWAYS = "24 hours, every day"

HELP_RESOURCES = (
    # United Kingdom
    DemoHelpResource(
        "Emergency services", "emergency", "GB", phone="999", hours=ALWAYS
    ),
    DemoHelpResource(
        "Samaritans",
        "self_harm",
        "GB",
        phone="116 123",
        url="https://www.samaritans.org",
        hours=ALWAYS,
        position=1,
    ),
    DemoHelpResource(
        "Shout",
        "self_harm",
        "GB",
        text_number="85258",
        text_keyword="SHOUT",
        url="https://giveusashout.org",
        hours=ALWAYS,
        position=2,
    ),
    DemoHelpResource(
        "National Domestic Abuse Helpline",
        "abuse",
        "GB",
        phone="0808 2000 247",
        url="https://www.nationaldahelpline.org.uk",
        hours=ALWAYS,
        position=3,
    ),
    DemoHelpResource(
        "Rape Crisis England & Wales",
        "sexual_assault",
        "GB",
        phone="0808 500 2222",
        url="https://rapecrisis.org.uk",
        hours=ALWAYS,
        position=4,
    ),
    # United States
    DemoHelpResource(
        "Emergency services", "emergency", "US", phone="911", hours=ALWAYS
    ),
    DemoHelpResource(
        "988 Suicide & Crisis Lifeline",
        "self_harm",
        "US",
        phone="988",
        text_number="988",
        url="https://988lifeline.org",
        hours=ALWAYS,
        position=1,
    ),
    DemoHelpResource(
        "National Domestic Violence Hotline",
        "abuse",
        "US",
        phone="1-800-799-7233",
        url="https://www.thehotline.org",
        hours=ALWAYS,
        position=2,
    ),
    DemoHelpResource(
        "RAINN National Sexual Assault Hotline",
        "sexual_assault",
        "US",
        phone="1-800-656-4673",
        url="https://www.rainn.org",
        hours=ALWAYS,
        position=3,
    ),
    DemoHelpResource(
        "Crisis Text Line",
        "general",
        "US",
        text_number="741741",
        text_keyword="HOME",
        url="https://www.crisistextline.org",
        hours=ALWAYS,
        position=4,
    ),
    # Ireland
    DemoHelpResource(
        "Emergency services", "emergency", "IE", phone="112", hours=ALWAYS
    ),
    DemoHelpResource(
        "Samaritans Ireland",
        "self_harm",
        "IE",
        phone="116 123",
        url="https://www.samaritans.org",
        hours=ALWAYS,
        position=1,
    ),
    DemoHelpResource(
        "Women's Aid National Freephone Helpline",
        "abuse",
        "IE",
        phone="1800 341 900",
        url="https://www.womensaid.ie",
        hours=ALWAYS,
        position=2,
    ),
    DemoHelpResource(
        "Dublin Rape Crisis Centre National Helpline",
        "sexual_assault",
        "IE",
        phone="1800 77 8888",
        url="https://www.drcc.ie",
        hours=ALWAYS,
        position=3,
    ),
    # Australia
    DemoHelpResource(
        "Emergency services", "emergency", "AU", phone="000", hours=ALWAYS
    ),
    DemoHelpResource(
        "Lifeline",
        "self_harm",
        "AU",
        phone="13 11 14",
        url="https://www.lifeline.org.au",
        hours=ALWAYS,
        position=1,
    ),
    DemoHelpResource(
        "1800RESPECT (domestic, family and sexual violence)",
        "abuse",
        "AU",
        phone="1800 737 732",
        url="https://www.1800respect.org.au",
        hours=ALWAYS,
        position=2,
    ),
    DemoHelpResource(
        "Beyond Blue",
        "general",
        "AU",
        phone="1300 22 4636",
        url="https://www.beyondblue.org.au",
        hours=ALWAYS,
        position=3,
    ),
    # Canada
    DemoHelpResource(
        "Emergency services", "emergency", "CA", phone="911", hours=ALWAYS
    ),
    DemoHelpResource(
        "9-8-8 Suicide Crisis Helpline",
        "self_harm",
        "CA",
        phone="988",
        text_number="988",
        url="https://988.ca",
        hours=ALWAYS,
        position=1,
    ),
    # Anywhere else
    DemoHelpResource(
        "Find A Helpline: free, confidential helplines in your country",
        "general",
        "",
        url="https://findahelpline.com",
    ),
)

PAGES = (
    DemoPage(
        slug="about",
        title="About the Advice desk",
        body="""\
The Advice desk publishes frank, kind answers to readers' questions about sex, relationships and health. Each column has its own hosts: columnists with years of experience, who ask clinicians and other experts when a question needs them, and credit them by name.

## How a letter becomes an answer

1. You write to a column at [Ask a question](/ask/). You need no account and give no name or address.
2. Editors read every letter. They choose the ones to answer and edit them so that nobody can be recognised: names, places and other details are changed or removed.
3. A columnist writes the answer, an editor reviews it, and it is published with your letter as edited.

We receive far more letters than we can answer. A letter that isn't chosen still matters, and the [archive](/archive/) may already hold an answer that helps.

## What our answers are, and aren't

Our answers are general information written for many readers, not medical, legal or psychological advice for you. If you are worried about your health, see a doctor or a sexual-health clinic. If you are in danger, call your local emergency number.
""",
    ),
    DemoPage(
        slug="privacy",
        title="Privacy",
        body="""\
Readers write to us about the most private parts of their lives, so we keep as little as we can, and nothing that points to you.

## When you write to us

- **No account, no contact details.** You don't give a name, an email address or a phone number, and we have no way to reply to you except in the column.
- **No IP address or other identifier.** We don't store your IP address, your browser's details or any other identifier of you, in our database or in our logs. To stop floods of letters we count a keyed, one-way hash of your address in a short-lived cache; it is forgotten within the hour and the address itself is never kept.
- **What a letter keeps:** your text exactly as you sent it (read only by our editors, never published), the sign-off name and topic you chose, the column, and the hour it arrived, rounded down so that it cannot be matched to a web server's records.
- **Your receipt code** is shown to you once. We keep only a one-way fingerprint (SHA-256) of it, so we can't show it to you again or tell anyone which letter is yours. You type it in to [check on your letter](/ask/status/); it is never part of a web address.
- **Letters that speak of danger** (self-harm, abuse, violence) are shown to our editors first, and you are shown services that can help at once.

## What we publish

Only a version of your letter that our editors have edited so that nobody can be recognised, never the text as you sent it, and only if it is chosen for an answer.

## How long we keep letters

Letters we decline, and spam, are deleted after 90 days. Letters we answer are kept with the answer; letters still waiting are kept until an editor decides on them.

## Cookies and tracking

Reading the site sets no cookies, and there are no trackers, adverts or analytics. The pages where you write to us or check on a letter set one security cookie (against forged form submissions), which holds nothing about you. Only our staff's sign-in uses a session cookie. If you choose to skip content notices, that choice is kept in your own browser, not sent to us. Videos load nothing from YouTube or Vimeo until you press play.

## Our servers' logs

Our web servers' access logs hold no IP addresses, no times of requests, no browser details and no referring pages, and no line at all for visits to the pages where you write to us or check on a letter. Our application's logs have every IP address blanked out.
""",
    ),
)
